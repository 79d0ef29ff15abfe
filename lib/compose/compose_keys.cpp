#include "compose/compose_keys.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace boundaudit::compose {
namespace {

// From the Compose Specification's JSON schema, schema/compose-spec.json in
// github.com/compose-spec/compose-spec at commit 170098b (2026-06-23): the `properties` of the root
// object and of `definitions.service`; both also allow `^x-` keys and nothing else
// (additionalProperties: false). Sorted (is_known_key searches them).
constexpr std::array<std::string_view, 9> kTopLevelKeys{
    "configs", "include", "models", "name", "networks", "secrets", "services", "version", "volumes",
};

constexpr std::array<std::string_view, 92> kServiceKeys{
    "annotations",     "attach",          "blkio_config",       "build",
    "cap_add",         "cap_drop",        "cgroup",             "cgroup_parent",
    "command",         "configs",         "container_name",     "cpu_count",
    "cpu_percent",     "cpu_period",      "cpu_quota",          "cpu_rt_period",
    "cpu_rt_runtime",  "cpu_shares",      "cpus",               "cpuset",
    "credential_spec", "depends_on",      "deploy",             "develop",
    "device_cgroup_rules", "devices",     "dns",                "dns_opt",
    "dns_search",      "domainname",      "entrypoint",         "env_file",
    "environment",     "expose",          "extends",            "external_links",
    "extra_hosts",     "gpus",            "group_add",          "healthcheck",
    "hostname",        "image",           "init",               "ipc",
    "isolation",       "label_file",      "labels",             "links",
    "logging",         "mac_address",     "mem_limit",          "mem_reservation",
    "mem_swappiness",  "memswap_limit",   "models",             "network_mode",
    "networks",        "oom_kill_disable", "oom_score_adj",     "pid",
    "pids_limit",      "platform",        "ports",              "post_start",
    "pre_stop",        "privileged",      "profiles",           "provider",
    "pull_policy",     "pull_refresh_after", "read_only",       "restart",
    "runtime",         "scale",           "secrets",            "security_opt",
    "shm_size",        "stdin_open",      "stop_grace_period",  "stop_signal",
    "storage_opt",     "sysctls",         "tmpfs",              "tty",
    "ulimits",         "use_api_socket",  "user",               "userns_mode",
    "uts",             "volumes",         "volumes_from",       "working_dir",
};

// Optimal string alignment distance (Levenshtein plus swaps of neighbours), two rows at a time.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

}  // namespace

std::span<const std::string_view> known_keys(KeyScope scope) {
  if (scope == KeyScope::top_level) return kTopLevelKeys;
  return kServiceKeys;
}

bool is_known_key(KeyScope scope, std::string_view key) {
  if (key.starts_with("x-")) return true;
  auto keys = known_keys(scope);
  return std::binary_search(keys.begin(), keys.end(), key);
}

std::optional<std::string_view> closest_key(KeyScope scope, std::string_view key) {
  const std::size_t allowed = key.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t best_distance = allowed + 1;
  bool tie = false;
  for (std::string_view known : known_keys(scope)) {
    const std::size_t d = edit_distance(key, known);
    if (d < best_distance) {
      best = known;
      best_distance = d;
      tie = false;
    } else if (d == best_distance) {
      tie = true;
    }
  }
  if (!best || tie) return std::nullopt;
  return best;
}

}  // namespace boundaudit::compose
