#include "manifest.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "manifest_templates.h"  // generated from manifests/ by installer/CMakeLists.txt
#include "pims/build_config.h"

namespace pims::installer {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kDescription =
    "pims: fills online checkout forms from your encrypted profile";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Fills the placeholders inside every string of the template. Working on parsed strings (not on
// the raw text) keeps the result valid JSON whatever the path contains.
void Fill(OrderedJson& node, std::string_view host_path) {
  if (node.is_string()) {
    std::string text = node.get<std::string>();
    ReplaceAll(text, "{{name}}", build::kNativeHostName);
    ReplaceAll(text, "{{description}}", kDescription);
    ReplaceAll(text, "{{chrome_id}}", build::kChromeExtensionId);
    ReplaceAll(text, "{{gecko_id}}", build::kGeckoExtensionId);
    ReplaceAll(text, "{{path}}", host_path);
    node = text;
  } else if (node.is_structured()) {
    for (auto& child : node) Fill(child, host_path);
  }
}

std::string_view Template(Family family) {
  return family == Family::kChromium ? templates::kChromiumManifest : templates::kFirefoxManifest;
}

bool IsAbsolutePath(const std::string& path) {
  // Checked for both conventions: a Windows manifest may be checked on another OS in tests.
  if (!path.empty() && path[0] == '/') return true;
  return path.size() > 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
         (path[2] == '\\' || path[2] == '/');
}

std::string FileNameOf(const std::string& path) {
  const size_t cut = path.find_last_of("/\\");
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

}  // namespace

std::string_view FamilyName(Family family) {
  return family == Family::kChromium ? "chromium" : "firefox";
}

std::string ManifestFileName() { return std::string(build::kNativeHostName) + ".json"; }

std::string RenderManifest(Family family, std::string_view host_path) {
  // The templates are checked by the tests to parse; a broken one is a build defect.
  OrderedJson manifest = OrderedJson::parse(Template(family));
  Fill(manifest, host_path);
  return manifest.dump(2) + "\n";
}

bool IsHostFileName(std::string_view file_name) {
  return file_name == "pims-host" || file_name == "pims-host.exe";
}

ManifestCheck CheckManifest(std::string_view text, Family family) {
  ManifestCheck check;
  nlohmann::json manifest = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    check.problems.push_back("not a JSON object");
    return check;
  }
  check.parsed = true;
  if (auto it = manifest.find("name"); it != manifest.end() && it->is_string()) {
    check.name = it->get<std::string>();
  }
  if (auto it = manifest.find("path"); it != manifest.end() && it->is_string()) {
    check.path = it->get<std::string>();
  }
  check.ours = IsOurs(check);

  if (check.name != build::kNativeHostName) {
    check.problems.push_back("name is \"" + check.name + "\", not \"" + build::kNativeHostName +
                             "\"");
  }
  auto type = manifest.find("type");
  if (type == manifest.end() || !type->is_string() || type->get<std::string>() != "stdio") {
    check.problems.push_back("type is not \"stdio\"");
  }
  if (!IsAbsolutePath(check.path)) {
    check.problems.push_back("path \"" + check.path + "\" is not an absolute path");
  } else if (!IsHostFileName(FileNameOf(check.path))) {
    check.problems.push_back("path \"" + check.path + "\" is not a pims-host");
  }

  const char* const key = family == Family::kChromium ? "allowed_origins" : "allowed_extensions";
  const char* const wrong_key =
      family == Family::kChromium ? "allowed_extensions" : "allowed_origins";
  const std::string expected =
      family == Family::kChromium
          ? "chrome-extension://" + std::string(build::kChromeExtensionId) + "/"
          : std::string(build::kGeckoExtensionId);
  auto allowed = manifest.find(key);
  if (allowed == manifest.end()) {
    check.problems.push_back(std::string("no \"") + key + "\" list" +
                             (manifest.contains(wrong_key)
                                  ? std::string(" (it has \"") + wrong_key +
                                        "\": a manifest for the other browser family)"
                                  : ""));
  } else if (*allowed != nlohmann::json::array({expected})) {
    check.problems.push_back(std::string("\"") + key + "\" is " + allowed->dump() + ", not [\"" +
                             expected + "\"]");
  }
  check.valid = check.problems.empty();
  return check;
}

bool IsOurs(const ManifestCheck& check) {
  return check.parsed && check.name == build::kNativeHostName &&
         IsHostFileName(FileNameOf(check.path));
}

}  // namespace pims::installer
