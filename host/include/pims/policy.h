// What a shopper allows one site to receive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pims/categories.h"

namespace pims {

// Default: nothing allowed. A site the shopper never configured gets this.
struct SitePolicy {
  CategorySet allow;
  // Card number and security code filled without a shopper gesture (popup button, shortcut,
  // context menu). Off by default: a page cannot pull the card just by being opened.
  bool auto_card = false;
  bool operator==(const SitePolicy&) const = default;
};

}  // namespace pims
