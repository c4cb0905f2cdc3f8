# The Debian package of pims, built with CPack: `cpack -G DEB` in a build folder (after the build;
# a Release build is what to ship). See docs/install.md, "Debian package".
#
# It holds:
#   /usr/bin/pims-host, /usr/bin/pims, /usr/bin/pims-install    (the ordinary install rules)
#   system-wide native messaging manifests whose path is /usr/bin/pims-host, for
#     Chromium       /etc/chromium/native-messaging-hosts/org.pims.host.json
#     Google Chrome  /etc/opt/chrome/native-messaging-hosts/org.pims.host.json
#                    (also read by Brave, Vivaldi and Opera)
#     Firefox        /usr/lib/mozilla/native-messaging-hosts/org.pims.host.json
#                    (Debian's Firefox reads /usr/lib/mozilla; /usr/lib64/mozilla is the
#                    Fedora-style path, not used on Debian)
#   the extension, /usr/share/pims/extension/{chrome,firefox}, when extension/dist exists at
#     package time (npm --prefix extension run build)
#   /usr/share/doc/pims/{copyright,changelog.Debian.gz} and a lintian override
#
# The package-only files are in the install component "deb", which `cmake --install` leaves out
# (EXCLUDE_FROM_ALL): a user install under ~/.local must never write to /etc.

set(PIMS_DEB_HOST_PATH "/usr/bin/pims-host")
set(PIMS_DEB_MAINTAINER "pims maintainers <pims@pims.org>"
    CACHE STRING "Maintainer field of the Debian package")
set(PIMS_DEB_RELEASE 1)
set(PIMS_DEB_VERSION "${PROJECT_VERSION}-${PIMS_DEB_RELEASE}")
set(_pims_pkg "${PROJECT_BINARY_DIR}/packaging")

# The manifests, written by pims-install itself so they are byte for byte what
# `pims-install install --scope system --host-path /usr/bin/pims-host` would write.
add_custom_command(
  OUTPUT "${_pims_pkg}/chromium/org.pims.host.json" "${_pims_pkg}/firefox/org.pims.host.json"
  COMMAND pims-install manifest --family chromium --host-path "${PIMS_DEB_HOST_PATH}"
          --output "${_pims_pkg}/chromium/org.pims.host.json"
  COMMAND pims-install manifest --family firefox --host-path "${PIMS_DEB_HOST_PATH}"
          --output "${_pims_pkg}/firefox/org.pims.host.json"
  DEPENDS pims-install
  COMMENT "Rendering the system-wide native messaging manifests for the Debian package")

# The changelog, compressed as Debian policy wants it (gzip -9, no name or time stamp).
configure_file("${PROJECT_SOURCE_DIR}/installer/debian/changelog.in"
  "${_pims_pkg}/changelog.Debian" @ONLY)
add_custom_command(
  OUTPUT "${_pims_pkg}/changelog.Debian.gz"
  COMMAND gzip -9n -c "${_pims_pkg}/changelog.Debian" > "${_pims_pkg}/changelog.Debian.gz"
  DEPENDS "${_pims_pkg}/changelog.Debian"
  VERBATIM)
add_custom_target(pims_package_files ALL DEPENDS
  "${_pims_pkg}/chromium/org.pims.host.json" "${_pims_pkg}/firefox/org.pims.host.json"
  "${_pims_pkg}/changelog.Debian.gz")

set(_pims_deb_files COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES "${_pims_pkg}/chromium/org.pims.host.json"
  DESTINATION /etc/chromium/native-messaging-hosts ${_pims_deb_files})
install(FILES "${_pims_pkg}/chromium/org.pims.host.json"
  DESTINATION /etc/opt/chrome/native-messaging-hosts ${_pims_deb_files})
install(FILES "${_pims_pkg}/firefox/org.pims.host.json"
  DESTINATION lib/mozilla/native-messaging-hosts ${_pims_deb_files})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/extension/dist/chrome" "${PROJECT_SOURCE_DIR}/extension/dist/firefox"
  DESTINATION share/pims/extension OPTIONAL ${_pims_deb_files})
install(FILES "${PROJECT_SOURCE_DIR}/installer/debian/copyright" "${_pims_pkg}/changelog.Debian.gz"
  DESTINATION share/doc/pims ${_pims_deb_files})
install(FILES "${PROJECT_SOURCE_DIR}/installer/debian/lintian-overrides"
  DESTINATION share/lintian/overrides RENAME pims ${_pims_deb_files})

# Files under /etc are configuration files: dpkg keeps the administrator's edits on upgrade.
file(WRITE "${_pims_pkg}/conffiles"
  "/etc/chromium/native-messaging-hosts/org.pims.host.json\n"
  "/etc/opt/chrome/native-messaging-hosts/org.pims.host.json\n")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "pims")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "pims")
set(CPACK_PACKAGE_CONTACT "${PIMS_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "encrypted checkout profile that fills forms in your browser")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
# Everything the ordinary install rules install, plus the package-only component.
set(CPACK_INSTALL_CMAKE_PROJECTS
  "${PROJECT_BINARY_DIR};pims;ALL;/"
  "${PROJECT_BINARY_DIR};pims;deb;/")

set(CPACK_DEBIAN_PACKAGE_NAME "pims")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${PIMS_DEB_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PIMS_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://pims.org/")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded with dlopen when their work first comes, so dpkg-shlibdeps cannot see them: libpsl and
# libidn2 when a site is first read (host/src/site), OpenSSL and libargon2 when a
# password-protected Bitwarden export is imported, zlib when a 1PUX archive is (host/src/import).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpsl5, libidn2-0, libssl3, libargon2-1, zlib1g")
set(CPACK_DEBIAN_PACKAGE_ENHANCES "chromium, firefox-esr, firefox")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${_pims_pkg}/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# CPack puts the summary on the first line; this is the extended description after it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "pims keeps the personal data you type into online checkouts (names, email,
phones, addresses, payment cards) encrypted on your own machine, and gives
each shop only what you allowed that shop to have. Every value shared is
written to a ledger you can read.
.
This package holds pims-host, the native messaging host the pims browser
extension talks to; pims, the command line; pims-install, which registers
pims-host with Chromium-family browsers and Firefox; and the host manifests
for Chromium, Google Chrome and Firefox for every user of the machine.")

include(CPack)
