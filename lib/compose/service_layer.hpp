// One service as one file (or one `extends` step) writes it, restricted to the fields composelint
// reads, and compose's rules for laying one such layer over another (-f overrides, `extends`).
//
// Only these fields are ever read from the YAML tree, so alias bombs elsewhere in a service cost
// nothing. Each value is interpolated when it is extracted and keeps the Site where it was written.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/interpolate.hpp"
#include "compose/model.hpp"
#include "compose/yaml_tree.hpp"

namespace boundaudit::compose {

// A leaf value in one layer: absent, set, or `!reset` (drop what lower layers set).
struct LayerValue {
  std::optional<Scalar> value;
  bool reset = false;
};

struct ExtendsRef {
  std::string service;
  std::optional<std::string> file;  // as written (relative to the extending file's directory)
  Site site;
};

struct ServiceLayer {
  std::string name;
  Site site;              // the service's key
  bool removed = false;   // `name: !reset`: the service is dropped from the merged project
  bool replace = false;   // `name: !override {...}`: replaces the lower layers whole

  LayerValue mem_limit, mem_reservation, memswap_limit, oom_kill_disable, scale;
  LayerValue deploy_limit, deploy_reservation, deploy_replicas;
  // `!override`/`!reset` on a container: the lower layers' leaves under it are dropped.
  bool deploy_replace = false, resources_replace = false, limits_replace = false, reservations_replace = false;

  std::vector<std::string> profiles;
  bool profiles_written = false;
  bool profiles_replace = false;  // `profiles: !override [...]` / `!reset`

  std::optional<std::vector<std::string>> ignored_codes;  // x-composelint.ignore; x-* keys replace whole
  Site ignore_site;
  bool ignore_reset = false;

  std::optional<ExtendsRef> extends;

  std::map<std::string, Dependency> depends_on;  // by service name; a later layer's entry replaces
  bool depends_on_replace = false;               // `depends_on: !override` / `!reset`
};

// What a file's top level says besides services.
struct IncludeRef {
  std::vector<std::string> paths;      // as written; the first is the included project's base file
  std::vector<std::string> env_files;  // as written
  std::optional<std::string> project_directory;
  Site site;
};

struct FileLayer {
  std::map<std::string, ServiceLayer> services;
  std::vector<IncludeRef> includes;
};

struct ExtractContext {
  const VariableLookup& lookup;
  std::vector<InputError>& errors;
  ExpansionBudget* budget = nullptr;  // shared by the whole project load; nullptr: 1 MiB per value only
  std::vector<UnknownKey>* unknown_keys = nullptr;  // where keys the compose spec does not allow go
};

// Reads one document's top level into `into` (later documents override earlier ones, as with -f).
void extract_document(const YamlNode& root, const std::string& path, const ExtractContext& ctx, FileLayer& into);

// `over` laid on `base` with compose's merge rules (mappings merge, scalars replace, profiles union,
// x-* keys replace, `!reset` and `!override` honoured). The result keeps base's name and site.
ServiceLayer merge_layers(const ServiceLayer& base, const ServiceLayer& over);

// The effective Service (replicas from deploy.replicas, else scale).
Service to_service(const ServiceLayer& layer);

}  // namespace boundaudit::compose
