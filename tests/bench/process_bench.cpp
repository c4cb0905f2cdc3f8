// pims_process_bench: the process-level benchmark of issue 7. It spawns the real pims-host (and,
// for comparison, the floor echo host and browserpass's native host) over pipes exactly as a
// browser does, and measures cold start, unlock + fill, warm fills, memory and scale.
//
// Usage: pims_process_bench [--quick] [--browserpass PATH]
// Output: one JSON object on stdout (tests/bench/report.mjs turns it into docs/benchmarks.md);
// progress on stderr. Exits 1 if any reply is not what it should be: a number is only printed
// for work that was really done.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "bench_requests.h"
#include "pims/build_config.h"
#include "pims/frame.h"
#include "seeded_vault.h"
#include "support/temp_dir.h"

extern char** environ;

namespace pims::bench {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& why) {
  std::cerr << "pims_process_bench: " << why << "\n";
  std::exit(1);
}

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Median, percentiles and extremes of a sample, in the sample's unit.
json Summarise(std::vector<double> samples) {
  if (samples.empty()) return nullptr;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    const size_t i = static_cast<size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(i, samples.size() - 1)];
  };
  const double sum = std::accumulate(samples.begin(), samples.end(), 0.0);
  return {{"n", samples.size()},
          {"median", at(0.5)},
          {"p95", at(0.95)},
          {"p99", at(0.99)},
          {"min", samples.front()},
          {"max", samples.back()},
          {"mean", sum / static_cast<double>(samples.size())}};
}

// One native messaging host, started as a browser starts it: stdin and stdout are pipes,
// stderr goes nowhere, the caller's origin is the first argument.
class HostProcess {
 public:
  HostProcess(const std::string& binary, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& extra_env) {
    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) Fail("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

    std::vector<std::string> argv_text{binary};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e) {
      const std::string entry(*e);
      if (!extra_env.contains(entry.substr(0, entry.find('=')))) env_text.push_back(entry);
    }
    for (const auto& [key, value] : extra_env) env_text.push_back(key + "=" + value);
    std::vector<char*> envp;
    for (std::string& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) {
      Fail("cannot start " + binary);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
  }
  ~HostProcess() {
    if (in_ >= 0) close(in_);
    int status = 0;
    waitpid(pid_, &status, 0);
    close(out_);
  }
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  pid_t pid() const { return pid_; }

  void Send(std::string_view payload) {
    const std::string frame = EncodeFrame(payload);
    std::string_view rest = frame;
    while (!rest.empty()) {
      const ssize_t n = write(in_, rest.data(), rest.size());
      if (n <= 0) Fail("the host stopped reading");
      rest.remove_prefix(static_cast<size_t>(n));
    }
  }
  // One whole reply.
  std::string Receive() {
    uint32_t length = 0;
    ReadExactly(reinterpret_cast<char*>(&length), sizeof length);
    std::string payload(length, '\0');
    ReadExactly(payload.data(), length);
    return payload;
  }
  // A request that must succeed; its reply.
  json Call(const json& request) {
    Send(request.dump());
    json reply = json::parse(Receive());
    if (!reply.value("ok", false))
      Fail("request " + request.value("type", "?") + " failed: " + reply.dump());
    return reply;
  }

 private:
  void ReadExactly(char* out, size_t n) {
    while (n > 0) {
      const ssize_t got = read(out_, out, n);
      if (got <= 0) Fail("the host closed its output");
      out += got;
      n -= static_cast<size_t>(got);
    }
  }

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
};

// A line of /proc/PID/status in KiB ("VmRSS", "VmHWM").
int64_t ProcKib(pid_t pid, const std::string& key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(key + ":")) return std::stoll(line.substr(key.size() + 1));
  }
  return -1;
}

// User + system CPU time of a process so far, in microseconds (/proc/PID/stat).
double ProcCpuMicros(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // state .. cmajflt
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) * 1e6 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::vector<std::string> ChromeCaller() {
  return {std::string("chrome-extension://") + build::kChromeExtensionId + "/"};
}

// A host under test: which binary, which first request, and how to check its reply.
struct Contender {
  std::string name;
  std::string binary;
  std::map<std::string, std::string> env;
  json request;
  std::function<bool(const json&)> answered;
};

// Spawn -> first reply, interleaving the contenders so that machine noise hits them alike.
json ColdStart(const std::vector<Contender>& contenders, int rounds, int warmup) {
  std::map<std::string, std::vector<double>> samples;
  std::map<std::string, int64_t> rss;
  for (int round = -warmup; round < rounds; ++round) {
    for (size_t k = 0; k < contenders.size(); ++k) {
      const Contender& c =
          contenders[(k + static_cast<size_t>(std::max(round, 0))) % contenders.size()];
      const auto start = Clock::now();
      HostProcess host(c.binary, ChromeCaller(), c.env);
      host.Send(c.request.dump());
      const json reply = json::parse(host.Receive(), nullptr, false);
      const double ms = MillisSince(start);
      if (!c.answered(reply)) Fail(c.name + " answered " + reply.dump());
      if (round >= 0) samples[c.name].push_back(ms);
      if (round == 0) rss[c.name] = ProcKib(host.pid(), "VmRSS");
    }
  }
  json out = json::object();
  for (const Contender& c : contenders) {
    out[c.name] = Summarise(samples[c.name]);
    out[c.name]["rss_kib"] = rss[c.name];
  }
  return out;
}

// Round trips of the 40-field fill on one long-lived, unlocked host.
json WarmFills(HostProcess& host, int fills, int warmup, Options options = Options::kWith) {
  int64_t id = 100;
  for (int i = 0; i < warmup; ++i) host.Call(FillRequest(++id, options));
  // The request text is the same each time but for its id; build them first so that only the
  // round trip is timed.
  std::vector<std::string> requests;
  requests.reserve(static_cast<size_t>(fills));
  for (int i = 0; i < fills; ++i) requests.push_back(FillRequest(++id, options).dump());
  std::vector<double> micros;
  micros.reserve(requests.size());
  const double cpu_before = ProcCpuMicros(host.pid());
  const auto all = Clock::now();
  for (const std::string& request : requests) {
    const auto start = Clock::now();
    host.Send(request);
    const std::string reply = host.Receive();
    micros.push_back(MillisSince(start) * 1000.0);
    if (reply.find("\"ok\":true") == std::string::npos) Fail("a fill failed: " + reply);
  }
  const double seconds = MillisSince(all) / 1000.0;
  const double cpu = ProcCpuMicros(host.pid()) - cpu_before;
  json out = Summarise(micros);
  out["fills_per_second"] = fills / seconds;
  out["host_cpu_us_per_fill"] = cpu / fills;
  out["request_bytes"] = requests.front().size() + 4;
  return out;
}

struct RunOptions {
  bool quick = false;
  std::string browserpass = "/usr/lib/browserpass/browserpass-native";
  // --compare-warm A B: only the warm fills, of two pims-host binaries in alternating rounds on
  // one vault (before and after a change, measured side by side).
  std::vector<std::string> compare;
};

using Env = std::map<std::string, std::string>;

// Cold start: pims-host's status on the benchmark's vault (opened, still locked) against an
// echo-host floor and browserpass's native host when it is installed.
json ColdStartTable(const RunOptions& o, const Env& pims_env, int rounds, json& result) {
  std::cerr << "cold start (" << rounds << " rounds)\n";
  const auto answered_locked = [](const json& r) { return r.value("vault", "") == "locked"; };
  std::vector<Contender> contenders{
      {"echo",
       PIMS_ECHO_HOST_BINARY,
       {},
       StatusRequest(1),
       [](const json& r) { return r.value("type", "") == "status"; }},
      {"pims", PIMS_HOST_BINARY, pims_env, StatusRequest(1), answered_locked},
  };
#ifdef PIMS_STATIC_HOST_BINARY
  contenders.push_back(
      {"pims_static", PIMS_STATIC_HOST_BINARY, pims_env, StatusRequest(1), answered_locked});
#endif
  if (access(o.browserpass.c_str(), X_OK) == 0) {
    contenders.push_back({"browserpass",
                          o.browserpass,
                          {},
                          {{"action", "echo"}, {"echoResponse", {{"id", 1}}}},
                          [](const json& r) { return r.is_object() && !r.empty(); }});
    result["browserpass_binary"] = o.browserpass;
  } else {
    std::cerr << "  browserpass not installed (" << o.browserpass
              << "): compared with the floor only\n";
  }
  return ColdStart(contenders, rounds, 3);
}

// Spawn -> unlock -> first fill, and the host's memory along the way (into result["memory"]).
json UnlockThenFill(const Env& pims_env, int rounds, json& result) {
  std::cerr << "spawn -> unlock -> fill (" << rounds << " rounds)\n";
  std::vector<double> total, unlock, fill;
  json memory;
  for (int round = 0; round < rounds; ++round) {
    const auto start = Clock::now();
    HostProcess host(PIMS_HOST_BINARY, ChromeCaller(), pims_env);
    host.Call(StatusRequest(1));
    if (round == 0) {
      memory["idle_locked_kib"] = ProcKib(host.pid(), "VmRSS");
      // What is the host's own: the rest of RSS is shared library pages, shared with every
      // process that maps them.
      memory["idle_locked_anon_kib"] = ProcKib(host.pid(), "RssAnon");
    }
    const auto unlock_start = Clock::now();
    host.Call(UnlockRequest(2));
    unlock.push_back(MillisSince(unlock_start));
    if (round == 0) memory["peak_during_unlock_kib"] = ProcKib(host.pid(), "VmHWM");
    const auto fill_start = Clock::now();
    host.Call(FillRequest(3));
    fill.push_back(MillisSince(fill_start));
    total.push_back(MillisSince(start));
    if (round == 0) {
      memory["idle_unlocked_kib"] = ProcKib(host.pid(), "VmRSS");
      memory["idle_unlocked_anon_kib"] = ProcKib(host.pid(), "RssAnon");
    }
  }
  result["memory"] = memory;
  const PasswordHashing cost = PasswordHashing::Default();
  return {{"total", Summarise(total)},
          {"unlock", Summarise(unlock)},
          {"first_fill", Summarise(fill)},
          {"argon2id_opslimit", cost.opslimit},
          {"argon2id_memlimit_mib", cost.memlimit >> 20}};
}

// Warm fills against vaults of growing size: fill latency must stay flat.
json ScaleTable(int fills) {
  json scale = json::array();
  for (const VaultShape shape :
       {VaultShape{.sites = 10}, VaultShape{.sites = 1'000}, VaultShape{.sites = 10'000},
        VaultShape{.sites = 10'000, .ledger_entries = 100'000}}) {
    std::cerr << "scale: " << shape.sites << " sites, " << shape.ledger_entries
              << " ledger entries (" << fills << " fills)\n";
    testing::TempDir dir;
    const auto seed_start = Clock::now();
    {
      auto seeded = SeedVault(dir / "vault.db", shape, SystemClock());
      if (!seeded.ok()) Fail("cannot seed the vault: " + seeded.status().message());
    }
    const double seed_ms = MillisSince(seed_start);
    HostProcess host(PIMS_HOST_BINARY, ChromeCaller(), {{"PIMS_HOME", dir.path().string()}});
    host.Call(UnlockRequest(1));
    json row = WarmFills(host, fills, 100);
    row["sites"] = shape.sites;
    row["ledger_entries"] = shape.ledger_entries;
    row["seed_ms"] = seed_ms;
    row["vault_bytes"] = std::filesystem::file_size(dir / "vault.db");
    scale.push_back(row);
  }
  return scale;
}

// Warm fills of each binary in turn, `rounds` times, each round on a fresh host process.
json CompareWarm(const std::vector<std::string>& binaries, int rounds, int fills) {
  testing::TempDir home;
  {
    auto seeded = SeedVault(home / "vault.db", {.sites = 10, .cost = PasswordHashing::Default()},
                            SystemClock());
    if (!seeded.ok()) Fail("cannot write the vault: " + seeded.status().message());
  }
  json out = json::object();
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& binary : binaries) {
      std::cerr << "round " << round + 1 << ": " << binary << "\n";
      HostProcess host(binary, ChromeCaller(), {{"PIMS_HOME", home.path().string()}});
      host.Call(UnlockRequest(1));
      out[binary].push_back(WarmFills(host, fills, 200));
    }
  }
  return out;
}

json Run(const RunOptions& o) {
  if (!o.compare.empty()) return CompareWarm(o.compare, o.quick ? 3 : 7, o.quick ? 1000 : 3000);
  json result;
  // A real vault with the default password hashing, as `setup` makes it.
  testing::TempDir home;
  {
    auto seeded = SeedVault(home / "vault.db", {.sites = 10, .cost = PasswordHashing::Default()},
                            SystemClock());
    if (!seeded.ok()) Fail("cannot write the vault: " + seeded.status().message());
  }
  const Env pims_env{{"PIMS_HOME", home.path().string()}};
  result["cold_start_ms"] = ColdStartTable(o, pims_env, o.quick ? 10 : 60, result);
  result["unlock_fill_ms"] = UnlockThenFill(pims_env, o.quick ? 3 : 10, result);

  const int warm_fills = o.quick ? 500 : 5000;
  std::cerr << "warm fills (" << warm_fills << ")\n";
  {
    HostProcess host(PIMS_HOST_BINARY, ChromeCaller(), pims_env);
    host.Call(UnlockRequest(1));
    result["warm_fill_us"] = WarmFills(host, warm_fills, 200);
    // The same form with its selects sent bare: how much of the fill is the option lists.
    result["warm_fill_no_options_us"] = WarmFills(host, warm_fills, 200, Options::kWithout);
    result["memory"]["after_warm_fills_kib"] = ProcKib(host.pid(), "VmRSS");
  }
  result["scale"] = ScaleTable(o.quick ? 300 : 2000);
  result["host_version"] = build::kVersion;
  return result;
}

}  // namespace
}  // namespace pims::bench

int main(int argc, char** argv) {
  pims::bench::RunOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      options.quick = true;
    } else if (arg == "--browserpass" && i + 1 < argc) {
      options.browserpass = argv[++i];
    } else if (arg == "--compare-warm" && i + 2 < argc) {
      options.compare = {argv[i + 1], argv[i + 2]};
      i += 2;
    } else {
      std::cerr << "usage: pims_process_bench [--quick] [--browserpass PATH]\n"
                   "       pims_process_bench [--quick] --compare-warm HOST_A HOST_B\n";
      return 2;
    }
  }
  std::cout << pims::bench::Run(options).dump(2) << "\n";
  return 0;
}
