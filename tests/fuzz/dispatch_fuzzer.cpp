// Request dispatch against a real, unlocked vault in a temporary folder: every verb with
// arbitrary fields. The vault is made once per process; verbs that would lock it away from the
// fuzzer (passwd) are skipped, and a locked vault is unlocked again.
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz/fuzz_session.h"
#include "pims/request.h"
#include "pims/session.h"

namespace {

// The shared session, set up once: a vault, Ada's profile, a shop allowed everything.
pims::Session& TheSession() {
  static pims::Session* session = [] {
    pims::Session* s = &pims::fuzz::TheSession();
    auto setup = pims::ParseRequest(R"({"id":0,"type":"setup","password":"pw"})");
    s->Handle(std::get<pims::Request>(setup));
    auto profile = pims::ParseRequest(R"({"id":0,"type":"profile.put","profile":{
      "person":{"given-name":"Ada","family-name":"Lovelace","email":"ada@example.org","tel":"+442079460000"},
      "addresses":[{"id":"home","street-address":"1 A St\nFlat 3","postal-code":"SW1Y 4JH","country":"GB"}],
      "cards":[{"id":"visa","cc-name":"Ada Lovelace","cc-number":"4111111111111111","cc-exp-month":12,"cc-exp-year":2030}]}})");
    s->Handle(std::get<pims::Request>(profile));
    auto site = pims::ParseRequest(
        R"({"id":0,"type":"site.set","url":"https://shop.example","allow":["name","email","phone","shipping_address","billing_address","card","card_csc","organization","birthday"]})");
    s->Handle(std::get<pims::Request>(site));
    return s;
  }();
  return *session;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pims::Session& session = TheSession();
  auto parsed = pims::ParseRequest(std::string_view(reinterpret_cast<const char*>(data), size));
  auto* request = std::get_if<pims::Request>(&parsed);
  if (request == nullptr || request->type == "passwd") return 0;
  nlohmann::json reply = session.Handle(*request);
  if (!reply.is_object() || !reply.contains("ok")) abort();
  if (reply["ok"] == false && !reply["error"].contains("code")) abort();
  (void)pims::SerializeReply(reply);
  auto status = pims::ParseRequest(R"({"id":0,"type":"status"})");
  if (session.Handle(std::get<pims::Request>(status))["vault"] == "locked") {
    auto unlock = pims::ParseRequest(R"({"id":0,"type":"unlock","password":"pw"})");
    session.Handle(std::get<pims::Request>(unlock));
  }
  return 0;
}
