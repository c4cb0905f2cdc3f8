#include "pims/session.h"

#include <algorithm>
#include <map>
#include <utility>

#include "pims/site.h"
#include "protocol/classified_forms.h"
#include "protocol/verbs.h"
#include "protocol/verbs_fill.h"

namespace pims {

using nlohmann::json;

Session::Session(SessionConfig config)
    : config_(std::move(config)), forms_(std::make_unique<ClassifiedForms>(*config_.classifier)) {
  last_activity_ms_ = config_.clock->NowMillis();
}

Session::~Session() = default;

Result<Vault*> Session::OpenVault() {
  if (!vault_) {
    PIMS_ASSIGN_OR_RETURN(vault_, Vault::Open(config_.vault_file, *config_.clock));
  }
  return vault_.get();
}

Result<Vault*> Session::UnlockedVault() {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, OpenVault());
  if (!vault->unlocked()) return Status(ErrorCode::kLocked, "the vault is locked: unlock it first");
  return vault;
}

void Session::AdoptVault(std::unique_ptr<Vault> vault) { vault_ = std::move(vault); }

void Session::RefreshAutolock() {
  autolock_ms_ = 0;
  if (!vault_ || !vault_->unlocked()) return;
  auto settings = vault_->GetSettings();
  // A vault whose settings cannot be read locks at the default time rather than never.
  const int minutes = settings.ok() ? settings->autolock_minutes : VaultSettings{}.autolock_minutes;
  autolock_ms_ = int64_t{minutes} * 60 * 1000;
}

void Session::Unlocked() {
  RefreshAutolock();
  config_.classifier->Warm();
  WarmSiteFromUrl();
  if (vault_) vault_->Warm();
}

int64_t Session::Tick() {
  int64_t next = LockIfIdle();
  if (vault_ && vault_->CheckpointDue()) {
    const int64_t quiet = config_.clock->NowMillis() - last_request_ms_;
    if (quiet >= kCheckpointAfterQuietMs) {
      vault_->Checkpoint();
    } else {
      const int64_t due = kCheckpointAfterQuietMs - quiet;
      next = next < 0 ? due : std::min(next, due);
    }
  }
  return next;
}

int64_t Session::LockIfIdle() {
  if (!vault_ || !vault_->unlocked() || autolock_ms_ == 0) return -1;
  const int64_t idle = config_.clock->NowMillis() - last_activity_ms_;
  if (idle >= autolock_ms_) {
    vault_->Lock();
    forms_->Clear();  // nothing of the pages seen is kept past the session's unlock
    locked_by_timer_ = true;
    return -1;
  }
  return autolock_ms_ - idle;
}

std::vector<std::optional<AutofillToken>> Session::Classify(std::span<const FieldDescriptor> form) {
  return forms_->Classify(form);
}

bool Session::TakeAutoLock() { return std::exchange(locked_by_timer_, false); }

namespace {

// Whether a request is the shopper's doing (the popup, the options page, a gesture fill), which
// keeps the vault unlocked, or the page's (an automatic fill when a form appears), which must
// not: a page adding a field every few minutes would otherwise keep the vault open forever.
bool ShopperInitiated(const Request& request) {
  if (request.type != "fill") return true;
  const auto trigger = request.body.find("trigger");
  return trigger != request.body.end() && *trigger == "gesture";
}

}  // namespace

void Session::Begin(const Request& request) {
  LockIfIdle();  // an idle vault locks before the request is looked at
  last_request_ms_ = config_.clock->NowMillis();
  if (ShopperInitiated(request)) last_activity_ms_ = last_request_ms_;
}

namespace {

struct WipeBody {
  json& body;
  ~WipeBody() { WipeJson(body); }
};

// Handlers return errors as values; reaching here is a bug. Say so, without details that could
// carry request data.
json InternalErrorReply(const Request& request) {
  return ErrorReply(request.id,
                    Status(ErrorCode::kInternal, "internal error while handling " + request.type));
}

}  // namespace

json Session::Handle(Request request) {
  WipeBody wipe_body{request.body};
  Begin(request);
  const VerbHandler* handler = FindVerb(request.type);
  if (handler == nullptr) {
    return ErrorReply(request.id, Status(ErrorCode::kUnknownVerb,
                                         "unknown request type '" + request.type.substr(0, 64) +
                                             "' (docs/protocol.md lists the verbs)",
                                         "type"));
  }
  try {
    Result<json> result = request.fields && request.type == "fill"
                              ? FillWith(*this, request.body, std::move(request.fields))
                              : (*handler)(*this, request.body);
    if (!result.ok()) return ErrorReply(request.id, result.status());
    return OkReply(request.id, std::move(result).value());
  } catch (const std::exception& e) {
    return InternalErrorReply(request);
  }
}

std::string Session::HandleToText(Request request, size_t max_bytes) {
  if (request.type != "fill") return SerializeReply(Handle(std::move(request)), max_bytes);
  WipeBody wipe_body{request.body};
  Begin(request);
  try {
    Result<FillResult> result = DecideFillRequest(*this, request.body, std::move(request.fields));
    if (!result.ok()) return SerializeReply(ErrorReply(request.id, result.status()), max_bytes);
    return FillReplyText(request.id, *result, max_bytes);
  } catch (const std::exception& e) {
    return SerializeReply(InternalErrorReply(request), max_bytes);
  }
}

}  // namespace pims
