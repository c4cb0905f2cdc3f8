// A clock that moves only when the test moves it.
#pragma once

#include "pims/platform.h"

namespace pims::testing {

class ManualClock final : public Clock {
 public:
  int64_t NowMillis() const override { return now; }
  int64_t now = 1'800'000'000'000;  // 2027-01-15
};

}  // namespace pims::testing
