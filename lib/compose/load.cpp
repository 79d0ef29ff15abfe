// load_project: files -> YAML trees -> service layers -> includes, extends, -f overrides -> Project.
//
// Order per file, as compose-go does it: each file's documents are merged, its `include`s are loaded
// as projects of their own and join, then its `extends` are resolved; the resolved file is laid over
// the files before it (-f order).
//
// Decisions and simplifications (compose-go is the reference):
// - Only the fields composelint needs are read and merged: mem_limit, mem_reservation, memswap_limit,
//   oom_kill_disable, scale, deploy.replicas, deploy.resources.{limits,reservations}.memory, profiles, extends,
//   x-composelint, and the top-level include. Other keys (ports, volumes, environment...) are never
//   walked, which also makes alias bombs under them free. Only those fields are interpolated, so a
//   ${VAR:?err} elsewhere in the file is not reported (compose would refuse the file). The keys of
//   the top level and of each service are checked against the spec's table (compose_keys.hpp) in
//   every file read; the unknown ones go to Project::unknown_keys (rule CL009).
// - An empty file (nothing but blank lines and comments) is an InputError, as in compose.
// - Multi-document files: the documents are laid over each other in order, like -f files.
// - Merge: scalars replace; profiles are a set union (order of first appearance); x-composelint is
//   replaced whole (x-* keys are); `!reset` drops a value, a container (deploy, resources, limits,
//   reservations), profiles or a whole service; `!override` replaces a container or a service whole.
//   A null written in a later file is a value (Scalar::is_null) that replaces the earlier one.
// - Service::site is the service's key in the first file that defines it (the base file); each
//   value's site is where the winning layer wrote it (through an alias: where the anchor is).
// - extends: same file, or file: relative to the extending file; resolved per file before the -f merge
//   (compose-go v2); a service may extend a service of a file this file includes. Cycles and missing
//   services are InputErrors at the extends line; the service is then kept without the base.
// - include: string or {path: str|list, env_file, project_directory}; a list of paths is the included
//   project's -f list. The included project's variables: the process environment, then its .env (or
//   env_file), then the including project's .env. A service defined twice (locally and by an include,
//   or by two includes) is an InputError and the first definition stays; the same file reached twice
//   through a diamond is not a clash.
// - replicas: deploy.replicas when set, else scale (compose errors when both are set and differ).
// - Profiles: every service is loaded; Service::active says whether compose starts it with the selected
//   profiles (no profile, one of its profiles selected, or `*`). As in compose-go, dependencies of active
//   services are not activated: an active service whose depends_on requires a service that is not
//   active is an InputError at that entry, as compose refuses the project (required: false is fine).
//   depends_on entries merge by name across files and extends; `!reset` / `!override` replace them.
// - A lone scalar where a list is expected (profiles, x-composelint.ignore, include path/env_file) is
//   taken as a one-item list; compose would reject it.
// - Errors are sorted and deduplicated; a file with a YAML syntax error contributes no services.
// - Bounds (hostile input must not crash, hang or exhaust memory): each file is read and parsed once
//   per run (keyed by its canonical path) and resolved once per environment, and an include reached
//   again through the same parent environment reuses that environment, so include diamonds cost
//   linear time; include nesting is limited to 64 files (an InputError naming the chain); extends
//   chains are resolved iteratively (no depth limit, no recursion); interpolation shares one
//   ExpansionBudget per load (1 MiB per value, 16 MiB in total).
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <tuple>

#include "compose/dotenv.hpp"
#include "compose/model.hpp"
#include "compose/service_layer.hpp"
#include "compose/yaml_tree.hpp"
#include "core/encoding.hpp"

namespace boundaudit::compose {

namespace {

namespace fs = std::filesystem;

std::string directory_of(const std::string& path) { return fs::path(path).parent_path().string(); }

// `relative` as seen from directory `dir` (a relative result stays relative, like the input).
std::string join(const std::string& dir, const std::string& relative) {
  fs::path rel(relative);
  if (rel.is_absolute() || dir.empty()) return rel.lexically_normal().string();
  return (fs::path(dir) / rel).lexically_normal().string();
}

std::string normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

// The key under which a file is parsed once: its canonical path when the file system knows it (so
// `a/../b.yaml` and a symlink to it are one file), else its normal form (in-memory readers in tests).
std::string canonical_key(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? normal(path) : canonical.string();
}

constexpr std::size_t kMaxIncludeDepth = 64;           // files on one include path
constexpr std::size_t kMaxServices = 10'000;            // services in one project (before profiles)
constexpr std::size_t kMaxProjectBytes = 16u << 20;     // compose and .env text read for one project
constexpr std::size_t kMaxProjectNodes = 1u << 19;      // YAML nodes of all the project's files together

// "a -> b -> ... -> z", keeping the first and last few of a long chain.
std::string chain_text(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names.size() > 12 && i == 6) {
      text += "... (" + std::to_string(names.size() - 12) + " more) -> ";
      i = names.size() - 6;
    }
    text += names[i];
    if (i + 1 < names.size()) text += " -> ";
  }
  return text;
}

// Variables for one project: the process environment, then this project's .env, then the .env of
// the project that included it (and so on up).
struct Environment {
  const std::map<std::string, std::string>* process = nullptr;
  std::map<std::string, std::string> dotenv;
  std::shared_ptr<const Environment> parent;

  std::optional<std::string> get(const std::string& name) const {
    if (auto it = process->find(name); it != process->end()) return it->second;
    for (const Environment* e = this; e; e = e->parent.get())
      if (auto it = e->dotenv.find(name); it != e->dotenv.end()) return it->second;
    return std::nullopt;
  }
};
using EnvPtr = std::shared_ptr<const Environment>;

using ServiceMap = std::map<std::string, ServiceLayer>;

// Lays `over` on `acc` (one -f file over the ones before it).
void overlay(ServiceMap& acc, ServiceMap&& over) {
  for (auto& [name, layer] : over) {
    auto it = acc.find(name);
    if (it == acc.end()) {
      if (!layer.removed) acc.emplace(name, std::move(layer));
    } else if (layer.removed) {
      acc.erase(it);
    } else {
      it->second = merge_layers(it->second, layer);
    }
  }
}

class Loader {
 public:
  explicit Loader(const LoadOptions& options) : options_(options) {}

  Project run() {
    if (options_.files.empty()) {
      project_.errors.push_back(InputError{"", std::nullopt, "no compose file given"});
      return std::move(project_);
    }
    for (const auto& f : options_.files) note_file(normal(f));
    EnvPtr env = root_environment();
    ServiceMap services = load_files(options_.files, env, {});
    if (services.size() > kMaxServices) {
      // Memory grows with every service (model, findings, report); refuse before linting.
      error(options_.files.front(), std::nullopt,
            "the project has " + std::to_string(services.size()) + " services, more than the limit of " +
                std::to_string(kMaxServices) + " a project; refusing to lint a project this large");
      services.clear();
    }
    for (auto& [name, layer] : services) {
      if (layer.removed) continue;
      Service s = to_service(layer);
      s.active = active(s);
      project_.profiles.insert(project_.profiles.end(), s.profiles.begin(), s.profiles.end());
      project_.services.push_back(std::move(s));
    }
    refused_dependencies();
    std::sort(project_.profiles.begin(), project_.profiles.end());
    project_.profiles.erase(std::unique(project_.profiles.begin(), project_.profiles.end()), project_.profiles.end());
    std::sort(project_.services.begin(), project_.services.end(),
              [](const Service& a, const Service& b) { return a.name < b.name; });
    std::sort(project_.errors.begin(), project_.errors.end());
    project_.errors.erase(std::unique(project_.errors.begin(), project_.errors.end()), project_.errors.end());
    auto& keys = project_.unknown_keys;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return std::move(project_);
  }

 private:
  struct ParsedFile {
    bool ok = false;
    YamlFile yaml;
  };
  struct ExtractedFile {
    bool ok = false;
    FileLayer layer;
  };

  void error(const std::string& path, std::optional<int> line, std::string message) {
    project_.errors.push_back(InputError{path, line, std::move(message)});
  }
  void error(const Site& site, std::string message) {
    error(site.path, site.line > 0 ? std::optional<int>(site.line) : std::nullopt, std::move(message));
  }

  void note_file(const std::string& path) {
    if (std::find(project_.files.begin(), project_.files.end(), path) == project_.files.end())
      project_.files.push_back(path);
  }

  // compose-go's checkConsistency: an active service that requires a service disabled by its profiles
  // makes compose refuse the project (it does not enable the dependency).
  void refused_dependencies() {
    std::map<std::string_view, const Service*> by_name;
    for (const auto& s : project_.services) by_name.emplace(s.name, &s);
    for (const auto& s : project_.services) {
      if (!s.active) continue;
      for (const auto& d : s.depends_on) {
        auto it = by_name.find(d.service);
        if (!d.required || it == by_name.end() || it->second->active) continue;
        std::string list;
        for (const auto& p : it->second->profiles) list += (list.empty() ? "" : ", ") + p;
        error(d.site, "service \"" + s.name + "\" depends on \"" + d.service + "\", whose profile (" + list +
                          ") is not enabled: docker compose refuses this project (enable the profile, or mark the "
                          "dependency required: false)");
      }
    }
  }

  // compose-go's ServiceConfig.HasProfile.
  bool active(const Service& s) const {
    if (s.profiles.empty()) return true;
    for (const auto& p : options_.profiles)
      if (p == "*" || std::find(s.profiles.begin(), s.profiles.end(), p) != s.profiles.end()) return true;
    return false;
  }

  // Reads a text file through the reader; nullopt (with an error recorded) otherwise. An optional file
  // (`report` false: the default .env) may be missing, but one that is there and cannot be used (a
  // FIFO, a device, too large, not UTF-8) is always reported. A file named by another one (include,
  // extends) that cannot be read is reported at the line that names it.
  std::optional<Source> read_text(const std::string& path, bool report, const Site* from = nullptr) {
    ReadResult r = options_.read(path);
    if (!r.source) {
      if (report || r.failure == ReadFailure::unusable) {
        InputError e = r.error.value_or(InputError{path, std::nullopt, "cannot read"});
        if (e.path.empty()) e.path = path;
        if (from) e = InputError{from->path, from->line, path + ": " + e.message};
        project_.errors.push_back(std::move(e));
      }
      return std::nullopt;
    }
    bytes_read_ += r.source->text.size();
    if (bytes_read_ > kMaxProjectBytes) {
      if (report)
        error(from ? from->path : path, from ? std::optional<int>(from->line) : std::nullopt,
              path + ": the project's files add up to more than " + std::to_string(kMaxProjectBytes) +
                  " bytes; refusing to read more");
      return std::nullopt;
    }
    // UTF-16/32 with a BOM becomes UTF-8, CR and CRLF line breaks LF: every later stage (the syntax
    // gate, yaml-cpp, suppressions, source lines) sees the same text and counts the same lines.
    DecodedText decoded = decode_unicode_text(std::move(r.source->text));
    if (decoded.error) {
      error(path, 1, *decoded.error);
      return std::nullopt;
    }
    r.source->text = std::move(decoded.text);
    int bad_line = 0;
    if (!is_text_utf8(r.source->text, &bad_line)) {
      error(path, bad_line, "not a UTF-8 text file (binary data or another encoding)");
      return std::nullopt;
    }
    r.source->path = path;
    return std::move(r.source);
  }

  // `from`: the include entry that names explicit_files, if any (errors are reported there).
  // The same files over the same parent give the same environment (one object, so that the caches
  // keyed on its address are shared: an include diamond is resolved once, not once per path to it).
  EnvPtr dotenv_environment(const std::vector<std::string>& explicit_files, const std::string& default_file,
                            EnvPtr parent, const Site* from = nullptr) {
    EnvironmentKey memo_key{parent.get(), canonical_key(default_file), {}};
    for (const auto& f : explicit_files) std::get<2>(memo_key).push_back(canonical_key(f));
    if (auto it = environment_memo_.find(memo_key); it != environment_memo_.end()) return it->second;
    auto env = std::make_shared<Environment>();
    environment_memo_.emplace(memo_key, env);
    environments_.push_back(env);  // caches key on the address: keep every environment alive
    env->process = &options_.environment;
    env->parent = std::move(parent);
    auto add = [&](const std::string& path, bool required) {
      // Read once per run: nested includes of one directory look for the same .env at every level.
      auto [cached, fresh] = dotenv_sources_.try_emplace(canonical_key(path));
      if (fresh) cached->second = read_text(path, required, from);
      const std::optional<Source>& src = cached->second;
      if (!src) {
        if (!fresh && required) error(from ? *from : Site{path}, path + ": cannot read the env file");
        return;
      }
      Environment partial = *env;  // lookups inside the file see the environment and earlier files
      Dotenv d = parse_dotenv(*src, [&partial](const std::string& n) { return partial.get(n); }, &budget_);
      if (d.error) project_.errors.push_back(*d.error);
      for (auto& [k, v] : d.values) env->dotenv[k] = v;
    };
    if (explicit_files.empty()) {
      add(default_file, false);
    } else {
      for (const auto& f : explicit_files) add(f, true);
    }
    return env;
  }

  EnvPtr root_environment() {
    std::vector<std::string> explicit_files;
    if (options_.env_file) explicit_files.push_back(*options_.env_file);
    return dotenv_environment(explicit_files, join(directory_of(options_.files.front()), ".env"), nullptr);
  }

  const ParsedFile& parse(const std::string& path, const Site* from) {
    const std::string key = canonical_key(path);
    auto it = parsed_.find(key);
    if (it != parsed_.end()) return it->second;
    ParsedFile& pf = parsed_[key];
    std::optional<Source> src = read_text(path, true, from);
    if (!src) return pf;
    note_file(path);  // the -f files are listed even when unreadable (see run)
    YamlLimits limits;
    if (options_.strict_yaml) limits.dialect = YamlDialect::strict;
    limits.max_nodes = std::min(limits.max_nodes, kMaxProjectNodes - nodes_);
    pf.yaml = parse_yaml(*src, limits);
    nodes_ += pf.yaml.arena->size();
    if (pf.yaml.too_many_nodes && limits.max_nodes < YamlLimits{}.max_nodes)
      pf.yaml.errors.back().message = "the project's files hold more than " + std::to_string(kMaxProjectNodes) +
                                      " YAML nodes together; refusing to load more";
    for (auto& e : pf.yaml.errors) project_.errors.push_back(e);
    // A syntax error loses the document it is in: only a file that parsed completely is used.
    pf.ok = pf.yaml.complete;
    // docker compose refuses an empty file; taking it as a project with no services would pass silently.
    if (pf.ok && std::all_of(pf.yaml.documents.begin(), pf.yaml.documents.end(),
                             [](const YamlNode* doc) { return doc->is_null(); })) {
      error(path, std::nullopt, "empty compose file (no YAML content, only blank lines or comments)");
      pf.ok = false;
    }
    project_.sources.push_back(std::move(*src));
    return pf;
  }

  // The file's documents as service layers, not yet resolved (cached per environment).
  const ExtractedFile& extract(const std::string& path, const EnvPtr& env, const Site* from = nullptr) {
    auto key = std::make_pair(path, env.get());
    auto it = extracted_.find(key);
    if (it != extracted_.end()) return it->second;
    ExtractedFile& ef = extracted_[key];
    const ParsedFile& pf = parse(path, from);
    if (!pf.ok) return ef;
    // Counted on the tree, before any service is built: the model of 260,000 services alone took GiBs.
    std::size_t services = 0;
    for (const YamlNode* doc : pf.yaml.documents)
      if (const YamlNode* s = doc->is_mapping() ? doc->get("services") : nullptr; s && s->is_mapping()) {
        services += s->entries.size();
        if (services > kMaxServices) {
          error(path, s->line, std::to_string(services) + " services, more than the limit of " +
                                   std::to_string(kMaxServices) + " a project; refusing to lint a file this large");
          return ef;
        }
      }
    VariableLookup lookup = [env](const std::string& n) { return env->get(n); };
    ExtractContext ctx{lookup, project_.errors, &budget_, &project_.unknown_keys};
    for (const YamlNode* doc : pf.yaml.documents) extract_document(*doc, path, ctx, ef.layer);
    ef.ok = true;
    return ef;
  }

  ServiceMap load_files(const std::vector<std::string>& files, const EnvPtr& env, std::vector<std::string> including,
                        const Site* from = nullptr) {
    ServiceMap acc;
    for (const auto& f : files) overlay(acc, load_file(normal(f), env, including, from));
    return acc;
  }

  // One file with its includes joined and its extends resolved.
  // Memoized per (file, environment): a file included along many paths is resolved once.
  ServiceMap load_file(const std::string& path, const EnvPtr& env, std::vector<std::string> including,
                       const Site* from) {
    if (!from) return load_file_once(path, env, std::move(including), from);  // a -f file: loaded once anyway
    auto memo_key = std::make_pair(canonical_key(path), env.get());
    if (auto it = loaded_.find(memo_key); it != loaded_.end()) return it->second;
    ServiceMap out = load_file_once(path, env, std::move(including), from);
    loaded_.emplace(memo_key, out);
    return out;
  }

  ServiceMap load_file_once(const std::string& path, const EnvPtr& env, std::vector<std::string> including,
                            const Site* from) {
    ServiceMap out;
    const ExtractedFile& ef = extract(path, env, from);
    if (!ef.ok) return out;
    including.push_back(path);
    ServiceMap& included = included_[{path, env.get()}];
    for (const IncludeRef& inc : ef.layer.includes) {
      std::vector<std::string> paths;
      for (const auto& p : inc.paths) paths.push_back(join(directory_of(path), p));
      bool cyclic = false;
      for (const auto& p : paths) {
        auto cycle = std::find(including.begin(), including.end(), p);
        if (cycle == including.end()) continue;
        std::string chain;
        for (auto i = cycle; i != including.end(); ++i) chain += *i + " -> ";
        error(inc.site, "include cycle: " + chain + p);
        cyclic = true;
      }
      if (cyclic) continue;
      if (including.size() >= kMaxIncludeDepth) {
        std::vector<std::string> chain = including;
        chain.push_back(paths.front());
        error(inc.site, "include nesting deeper than " + std::to_string(kMaxIncludeDepth) +
                            " files: " + chain_text(chain));
        continue;
      }
      std::vector<std::string> env_files;
      for (const auto& e : inc.env_files) env_files.push_back(join(directory_of(path), e));
      std::string project_dir = inc.project_directory ? join(directory_of(path), *inc.project_directory)
                                                      : directory_of(paths.front());
      EnvPtr inc_env = dotenv_environment(env_files, join(project_dir, ".env"), env, &inc.site);
      for (auto& [name, layer] : load_files(paths, inc_env, including, &inc.site)) {
        if (auto same = included.find(name); same != included.end() && same->second.site == layer.site)
          continue;  // the same file included twice (a diamond), not a conflict
        if (ef.layer.services.count(name) || included.count(name)) {
          error(inc.site, "included file " + paths.front() + " defines service \"" + name +
                              "\", which is already defined");
          continue;
        }
        included.emplace(name, std::move(layer));
      }
    }
    for (const auto& [name, layer] : ef.layer.services) out[name] = resolve(path, name, env);
    for (const auto& [name, layer] : included) out.emplace(name, layer);
    return out;
  }

  // The service `name` of `path` with its extends chain applied. Iterative, so a chain of any length
  // costs no stack, and memoized, so each service's chain is merged once: the work is linear. The walk
  // goes down the chain to a service that extends nothing (or one already resolved), then merges back up.
  ServiceLayer resolve(const std::string& path, const std::string& name, const EnvPtr& env) {
    struct Link {
      std::string key;  // path + '\n' + name
      const ServiceLayer* own;
    };
    std::vector<Link> chain;  // services whose base is still to be merged, the requested one first
    std::optional<ServiceLayer> base;
    std::string at_path = path, at_name = name;
    while (!base) {
      std::string key = at_path + '\n' + at_name;
      if (auto it = resolved_.find({key, env.get()}); it != resolved_.end()) {
        base = it->second;
        break;
      }
      const ServiceLayer* own = find_service(at_path, at_name, env);
      if (!own || !own->extends) {
        base = own ? *own : ServiceLayer{};  // not memoized: cheap to find again (saves a copy per service)
        break;
      }
      const ExtendsRef& ref = *own->extends;
      std::string target = ref.file ? join(directory_of(at_path), *ref.file) : at_path;
      const std::string target_key = target + '\n' + ref.service;
      chain.push_back({key, own});
      auto cycle = std::find_if(chain.begin(), chain.end(), [&](const Link& l) { return l.key == target_key; });
      bool broken = false;
      if (cycle != chain.end()) {
        std::vector<std::string> names;
        for (const auto& l : chain) names.push_back(l.key.substr(l.key.find('\n') + 1));
        names.push_back(ref.service);
        error(ref.site, "extends cycle: " + chain_text(names));
        broken = true;
      } else if (!find_service(target, ref.service, env, &ref.site)) {
        if (extract(target, env).ok)
          error(ref.site, "service \"" + at_name + "\" extends \"" + ref.service + "\", which is not defined in " +
                              target);
        broken = true;
      }
      if (broken) {  // this service is kept without its base
        ServiceLayer layer = *own;
        layer.extends.reset();
        chain.pop_back();
        base = resolved_[{key, env.get()}] = std::move(layer);
        break;
      }
      at_path = std::move(target);
      at_name = ref.service;
    }
    for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
      ServiceLayer layer = *link->own;
      layer.extends.reset();
      ServiceLayer merged = merge_layers(*base, layer);
      merged.name = layer.name;
      merged.site = layer.site;
      base = resolved_[{link->key, env.get()}] = std::move(merged);
    }
    return std::move(*base);
  }

  // A service written in `path`, or one of its includes.
  const ServiceLayer* find_service(const std::string& path, const std::string& name, const EnvPtr& env,
                                  const Site* from = nullptr) {
    const ExtractedFile& ef = extract(path, env, from);
    if (auto it = ef.layer.services.find(name); it != ef.layer.services.end()) return &it->second;
    if (auto inc = included_.find({path, env.get()}); inc != included_.end())
      if (auto it = inc->second.find(name); it != inc->second.end()) return &it->second;
    return nullptr;
  }

  const LoadOptions& options_;
  Project project_;
  std::map<std::string, ParsedFile> parsed_;
  std::map<std::pair<std::string, const Environment*>, ExtractedFile> extracted_;
  std::map<std::pair<std::string, const Environment*>, ServiceMap> included_;
  std::map<std::pair<std::string, const Environment*>, ServiceLayer> resolved_;
  std::map<std::pair<std::string, const Environment*>, ServiceMap> loaded_;
  // (parent, default .env, explicit env files) -> the environment built from them.
  using EnvironmentKey = std::tuple<const Environment*, std::string, std::vector<std::string>>;
  std::map<EnvironmentKey, EnvPtr> environment_memo_;
  std::map<std::string, std::optional<Source>> dotenv_sources_;
  std::vector<EnvPtr> environments_;
  ExpansionBudget budget_;
  std::size_t bytes_read_ = 0;
  std::size_t nodes_ = 0;  // YAML nodes parsed for this project
};

}  // namespace

Project load_project(const LoadOptions& options) {
  try {
    return Loader(options).run();
  } catch (const std::exception& e) {  // e.g. bad_alloc: still never throws out of the library
    Project p;
    p.files = options.files;
    p.errors.push_back(InputError{options.files.empty() ? "" : options.files.front(), std::nullopt,
                                  std::string("cannot load the project: ") + e.what()});
    return p;
  }
}

}  // namespace boundaudit::compose
