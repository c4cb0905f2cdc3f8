#!/usr/bin/env python3
"""Writes bitwarden-protected-pbkdf2.json and bitwarden-protected-argon2id.json: bitwarden.json
encrypted as Bitwarden's password-protected export (docs/import.md, "Bitwarden"), with the
password "import-pw". Independent of pims' C++ (Python's `cryptography`), so the tests check
pims against the construction as Bitwarden documents it, not against itself.

The construction: key = KDF(password, salt text) (PBKDF2-SHA256, or Argon2id salted with
SHA-256 of the salt text); enc = HKDF-Expand(key, "enc", 32); mac = HKDF-Expand(key, "mac", 32);
each encrypted string is "2." + b64(iv) + "|" + b64(AES-256-CBC(enc, iv, PKCS#7(text))) + "|" +
b64(HMAC-SHA256(mac, iv || ciphertext)).

Usage: python3 make_bitwarden_protected.py   (in this folder)
"""
import base64
import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = b"import-pw"
SALT = "cGltcy10ZXN0LXNhbHQ="  # Bitwarden writes a base64 salt and uses the text itself


def expand(key, info):
    return HKDFExpand(algorithm=hashes.SHA256(), length=32, info=info).derive(key)


def seal(text, enc, mac):
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(text.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(enc), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    tag = hmac.new(mac, iv + ciphertext, hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode()
    return "2." + b64(iv) + "|" + b64(ciphertext) + "|" + b64(tag)


def write(name, key, kdf):
    enc, mac = expand(key, b"enc"), expand(key, b"mac")
    with open("bitwarden.json", encoding="utf-8") as f:
        clear = f.read()
    doc = {"encrypted": True, "passwordProtected": True, "salt": SALT, **kdf,
           "encKeyValidation_DO_NOT_EDIT": seal("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", enc, mac),
           "data": seal(clear, enc, mac)}
    with open(name, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


pbkdf2 = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=SALT.encode(), iterations=5000)
write("bitwarden-protected-pbkdf2.json", pbkdf2.derive(PASSWORD),
      {"kdfType": 0, "kdfIterations": 5000, "kdfMemory": None, "kdfParallelism": None})

argon = Argon2id(salt=hashlib.sha256(SALT.encode()).digest(), length=32, iterations=2, lanes=2,
                 memory_cost=16 * 1024)
write("bitwarden-protected-argon2id.json", argon.derive(PASSWORD),
      {"kdfType": 1, "kdfIterations": 2, "kdfMemory": 16, "kdfParallelism": 2})
