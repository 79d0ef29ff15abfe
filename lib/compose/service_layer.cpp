#include "compose/service_layer.hpp"

#include <algorithm>
#include <cctype>

namespace boundaudit::compose {

namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

bool is_reset(const YamlNode& n) { return n.has_tag("!reset"); }
bool is_override(const YamlNode& n) { return n.has_tag("!override"); }

class Extractor {
 public:
  Extractor(const std::string& path, const ExtractContext& ctx) : path_(path), ctx_(ctx) {}

  void document(const YamlNode& root, FileLayer& into) {
    if (root.is_null()) return;  // an empty document
    if (!root.is_mapping()) {
      error(root, "the top level of a compose file must be a mapping, not " + std::string(to_string(root.kind)));
      return;
    }
    for (const auto& e : root.entries) unknown_key(*e.key, KeyScope::top_level, "");
    if (const YamlNode::Entry* inc = root.find("include")) includes(*inc->value, into);
    const YamlNode::Entry* services = root.find("services");
    if (!services) return;
    const YamlNode& map = *services->value;
    if (is_reset(map)) return;  // `services: !reset`: nothing from this layer
    if (!map.is_mapping()) {
      if (map.is_null() && map.tag.empty())
        error(*services->key, "services: is empty; expected a mapping of service names to services");
      else if (!map.is_null())
        error(map, "services must be a mapping of service names to services, not " +
                            std::string(to_string(map.kind)));
      return;
    }
    for (const auto& e : map.entries) {
      if (!e.key->is_scalar()) {
        error(*e.key, "a service name must be a scalar");
        continue;
      }
      std::optional<ServiceLayer> layer = service(*e.key, *e.value);
      if (!layer) continue;
      auto it = into.services.find(layer->name);
      if (it == into.services.end() || layer->replace) {
        into.services[layer->name] = std::move(*layer);
      } else if (layer->removed) {
        into.services.erase(it);
      } else {
        it->second = merge_layers(it->second, *layer);
      }
    }
  }

 private:
  void error(const YamlNode& node, std::string message) {
    ctx_.errors.push_back(InputError{path_, node.line, std::move(message)});
  }
  Site at(const YamlNode& node) const { return node.site(path_); }

  // Records `key` when the spec does not allow it in `scope`. Keys that are not scalars are left to
  // the YAML tree (compose itself only has string keys here).
  void unknown_key(const YamlNode& key, KeyScope scope, const std::string& service) {
    if (!ctx_.unknown_keys || !key.is_scalar() || is_known_key(scope, key.text)) return;
    std::optional<std::string> suggestion;
    if (auto near = closest_key(scope, key.text)) suggestion = std::string(*near);
    ctx_.unknown_keys->push_back(UnknownKey{at(key), scope, key.text, service, std::move(suggestion)});
  }

  std::optional<ServiceLayer> service(const YamlNode& key, const YamlNode& value) {
    ServiceLayer layer;
    layer.name = key.text;
    layer.site = at(key);
    if (is_reset(value)) {
      layer.removed = true;
      return layer;
    }
    if (value.is_null()) return layer;  // `name:` alone is an empty service (compose-go accepts it)
    if (!value.is_mapping()) {
      error(value, "service \"" + key.text + "\" must be a mapping, not " + std::string(to_string(value.kind)));
      return std::nullopt;
    }
    layer.replace = is_override(value);
    const std::string where = "services." + key.text;
    for (const auto& e : value.entries) {
      unknown_key(*e.key, KeyScope::service, key.text);
      if (!e.key->is_scalar()) continue;
      const std::string& k = e.key->text;
      const YamlNode& v = *e.value;
      if (k == "mem_limit") leaf(v, where + ".mem_limit", layer.mem_limit);
      else if (k == "mem_reservation") leaf(v, where + ".mem_reservation", layer.mem_reservation);
      else if (k == "memswap_limit") leaf(v, where + ".memswap_limit", layer.memswap_limit);
      else if (k == "oom_kill_disable") leaf(v, where + ".oom_kill_disable", layer.oom_kill_disable);
      else if (k == "scale") leaf(v, where + ".scale", layer.scale);
      else if (k == "deploy") deploy(v, where + ".deploy", layer);
      else if (k == "profiles") profiles(v, where + ".profiles", layer);
      else if (k == "extends") extends(v, where + ".extends", layer);
      else if (k == "depends_on") depends_on(v, where + ".depends_on", layer);
      else if (k == "x-composelint") composelint(*e.key, v, where + ".x-composelint", layer);
    }
    return layer;
  }

  std::optional<Scalar> scalar(const YamlNode& v, const std::string& where) {
    if (!v.is_scalar() && !v.is_null()) {
      error(v, where + " must be a single value, not " + std::string(to_string(v.kind)));
      return std::nullopt;
    }
    Scalar s;
    s.site = at(v);
    // A tag with no value (`!reset`, `!override`) reads as null; `!!str` with no value is "".
    s.is_null = v.is_null() || (v.is_scalar() && !v.quoted && v.text.empty() && !v.tag.empty() && v.tag != kStrTag);
    s.is_string = v.quoted || v.tag == kStrTag;
    if (s.is_null) return s;
    Interpolated r = interpolate(v.text, ctx_.lookup, ctx_.budget);
    s.unset_variables = std::move(r.unset_variables);
    if (!r.ok()) {
      error(v, where + ": " + r.error);
      s.text.clear();
      return s;
    }
    s.text = std::move(r.text);
    return s;
  }

  void leaf(const YamlNode& v, const std::string& where, LayerValue& out) {
    if (is_reset(v)) {
      out.reset = true;
      out.value.reset();
      return;
    }
    out.value = scalar(v, where);
  }

  // A mapping that may be `!reset` (null) or `!override`. Returns nullptr when there is nothing to read.
  const YamlNode* container(const YamlNode& v, const std::string& where, bool& replace) {
    if (is_reset(v)) {
      replace = true;
      return nullptr;
    }
    if (is_override(v)) replace = true;
    if (v.is_null()) return nullptr;
    if (!v.is_mapping()) {
      error(v, where + " must be a mapping, not " + std::string(to_string(v.kind)));
      return nullptr;
    }
    return &v;
  }

  void deploy(const YamlNode& v, const std::string& where, ServiceLayer& layer) {
    const YamlNode* d = container(v, where, layer.deploy_replace);
    if (!d) return;
    if (const YamlNode* replicas = d->get("replicas")) leaf(*replicas, where + ".replicas", layer.deploy_replicas);
    const YamlNode* res_node = d->get("resources");
    if (!res_node) return;
    const YamlNode* res = container(*res_node, where + ".resources", layer.resources_replace);
    if (!res) return;
    if (const YamlNode* limits = res->get("limits")) {
      if (const YamlNode* m = container(*limits, where + ".resources.limits", layer.limits_replace))
        if (const YamlNode* mem = m->get("memory")) leaf(*mem, where + ".resources.limits.memory", layer.deploy_limit);
    }
    if (const YamlNode* reservations = res->get("reservations")) {
      if (const YamlNode* m = container(*reservations, where + ".resources.reservations", layer.reservations_replace))
        if (const YamlNode* mem = m->get("memory"))
          leaf(*mem, where + ".resources.reservations.memory", layer.deploy_reservation);
    }
  }

  // A list of scalars (a lone scalar is taken as a one-element list); interpolated.
  std::optional<std::vector<std::string>> strings(const YamlNode& v, const std::string& where) {
    std::vector<std::string> out;
    if (v.is_null()) return out;
    if (v.is_scalar()) {
      if (auto s = scalar(v, where)) out.push_back(s->text);
      return out;
    }
    if (!v.is_sequence()) {
      error(v, where + " must be a list, not " + std::string(to_string(v.kind)));
      return std::nullopt;
    }
    for (const YamlNode* item : v.items) {
      if (auto s = scalar(*item, where)) {
        if (!s->is_null) out.push_back(s->text);
      }
    }
    return out;
  }

  void profiles(const YamlNode& v, const std::string& where, ServiceLayer& layer) {
    layer.profiles_written = true;
    if (is_reset(v)) {
      layer.profiles_replace = true;
      return;
    }
    layer.profiles_replace = is_override(v);
    if (auto list = strings(v, where)) layer.profiles = std::move(*list);
  }

  // depends_on: a list of names, or a mapping name -> {condition, required, restart}. Only the names
  // and `required` (compose-go's default: true) matter here.
  void depends_on(const YamlNode& v, const std::string& where, ServiceLayer& layer) {
    if (is_reset(v)) {
      layer.depends_on_replace = true;
      return;
    }
    layer.depends_on_replace = is_override(v);
    if (v.is_null()) return;
    if (v.is_sequence()) {
      for (const YamlNode* item : v.items)
        if (auto name = scalar(*item, where); name && !name->is_null && !name->text.empty())
          layer.depends_on[name->text] = Dependency{name->text, true, name->site};
      return;
    }
    if (!v.is_mapping()) {
      error(v, where + " must be a list or a mapping, not " + std::string(to_string(v.kind)));
      return;
    }
    for (const auto& e : v.entries) {
      if (!e.key->is_scalar()) continue;
      Dependency d{e.key->text, true, at(*e.key)};
      if (e.value->is_mapping())
        if (const YamlNode* required = e.value->get("required"))
          if (auto r = scalar(*required, where + "." + e.key->text + ".required"); r && !r->is_null) {
            std::string t = r->text;
            for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            d.required = t != "false";
          }
      layer.depends_on[d.service] = std::move(d);
    }
  }

  void extends(const YamlNode& v, const std::string& where, ServiceLayer& layer) {
    if (is_reset(v) || v.is_null()) return;
    ExtendsRef ref;
    ref.site = at(v);
    if (v.is_scalar()) {
      if (auto s = scalar(v, where)) ref.service = s->text;
    } else if (v.is_mapping()) {
      if (const YamlNode* svc = v.get("service")) {
        if (auto s = scalar(*svc, where + ".service")) ref.service = s->text;
      }
      if (const YamlNode* file = v.get("file")) {
        if (auto s = scalar(*file, where + ".file"); s && !s->is_null) ref.file = s->text;
      }
    } else {
      error(v, where + " must be a service name or a mapping with service: and file:");
      return;
    }
    if (ref.service.empty()) {
      error(v, where + " does not name a service");
      return;
    }
    layer.extends = std::move(ref);
  }

  void composelint(const YamlNode& key, const YamlNode& v, const std::string& where, ServiceLayer& layer) {
    layer.ignore_site = at(key);
    if (is_reset(v)) {
      layer.ignore_reset = true;
      return;
    }
    if (v.is_null()) {
      layer.ignored_codes = std::vector<std::string>{};
      return;
    }
    if (!v.is_mapping()) {
      error(v, where + " must be a mapping like {ignore: [CL001]}");
      return;
    }
    std::vector<std::string> codes;
    for (const auto& e : v.entries) {
      if (e.key->is_scalar() && e.key->text == "ignore") {
        if (auto list = strings(*e.value, where + ".ignore")) codes = std::move(*list);
      } else {
        error(*e.key, where + ": unknown key \"" + (e.key->is_scalar() ? e.key->text : "?") +
                               "\" (only ignore: [CODES] is understood)");
      }
    }
    layer.ignored_codes = std::move(codes);
  }

  void includes(const YamlNode& v, FileLayer& into) {
    if (v.is_null()) return;
    if (!v.is_sequence()) {
      error(v, "include must be a list");
      return;
    }
    for (const YamlNode* item : v.items) {
      IncludeRef ref;
      ref.site = at(*item);
      if (item->is_scalar()) {
        if (auto s = scalar(*item, "include")) ref.paths.push_back(s->text);
      } else if (item->is_mapping()) {
        if (const YamlNode* p = item->get("path"))
          if (auto list = strings(*p, "include.path")) ref.paths = std::move(*list);
        if (const YamlNode* p = item->get("env_file"))
          if (auto list = strings(*p, "include.env_file")) ref.env_files = std::move(*list);
        if (const YamlNode* p = item->get("project_directory"))
          if (auto s = scalar(*p, "include.project_directory"); s && !s->is_null) ref.project_directory = s->text;
      } else {
        error(*item, "an include entry must be a path or a mapping with path:");
        continue;
      }
      ref.paths.erase(std::remove(ref.paths.begin(), ref.paths.end(), std::string()), ref.paths.end());
      if (ref.paths.empty()) {
        error(*item, "include entry without a path");
        continue;
      }
      into.includes.push_back(std::move(ref));
    }
  }

  const std::string& path_;
  const ExtractContext& ctx_;
};

// Lays one leaf over another. A reset stays recorded so that the merged layer, laid over files
// further down, still drops what they set.
void lay(const LayerValue& over, LayerValue& out, bool replaced) {
  if (over.value) {
    out.value = over.value;
  } else if (over.reset || replaced) {
    out.value.reset();
    out.reset = true;
  }
}

}  // namespace

void extract_document(const YamlNode& root, const std::string& path, const ExtractContext& ctx, FileLayer& into) {
  Extractor(path, ctx).document(root, into);
}

ServiceLayer merge_layers(const ServiceLayer& base, const ServiceLayer& over) {
  if (over.removed) {
    ServiceLayer gone = over;
    gone.site = base.site;
    return gone;
  }
  if (over.replace) {
    ServiceLayer out = over;
    out.site = base.site;
    out.replace = false;
    return out;
  }
  ServiceLayer out = base;
  lay(over.mem_limit, out.mem_limit, false);
  lay(over.mem_reservation, out.mem_reservation, false);
  lay(over.memswap_limit, out.memswap_limit, false);
  lay(over.oom_kill_disable, out.oom_kill_disable, false);
  lay(over.scale, out.scale, false);
  const bool deploy = over.deploy_replace;
  const bool resources = deploy || over.resources_replace;
  lay(over.deploy_replicas, out.deploy_replicas, deploy);
  lay(over.deploy_limit, out.deploy_limit, resources || over.limits_replace);
  lay(over.deploy_reservation, out.deploy_reservation, resources || over.reservations_replace);
  if (over.profiles_replace) {
    out.profiles = over.profiles;
  } else {
    for (const auto& p : over.profiles)
      if (std::find(out.profiles.begin(), out.profiles.end(), p) == out.profiles.end()) out.profiles.push_back(p);
  }
  out.profiles_written = base.profiles_written || over.profiles_written;
  out.profiles_replace = base.profiles_replace || over.profiles_replace;
  if (over.ignored_codes) {
    out.ignored_codes = over.ignored_codes;
    out.ignore_site = over.ignore_site;
  } else if (over.ignore_reset) {
    out.ignored_codes.reset();
    out.ignore_site = {};
    out.ignore_reset = true;
  }
  if (over.extends) out.extends = over.extends;
  if (over.depends_on_replace) out.depends_on = over.depends_on;
  else
    for (const auto& [name, d] : over.depends_on) out.depends_on[name] = d;
  out.depends_on_replace = base.depends_on_replace || over.depends_on_replace;
  return out;
}

Service to_service(const ServiceLayer& layer) {
  Service s;
  s.name = layer.name;
  s.site = layer.site;
  s.mem_limit = layer.mem_limit.value;
  s.deploy_limit = layer.deploy_limit.value;
  s.mem_reservation = layer.mem_reservation.value;
  s.deploy_reservation = layer.deploy_reservation.value;
  s.memswap_limit = layer.memswap_limit.value;
  s.oom_kill_disable = layer.oom_kill_disable.value;
  if (layer.deploy_replicas.value && !layer.deploy_replicas.value->is_null)
    s.replicas = layer.deploy_replicas.value;
  else if (layer.scale.value && !layer.scale.value->is_null)
    s.replicas = layer.scale.value;
  s.profiles = layer.profiles;
  for (const auto& [name, d] : layer.depends_on) s.depends_on.push_back(d);
  if (layer.ignored_codes) {
    s.ignored_codes = *layer.ignored_codes;
    s.ignore_site = layer.ignore_site;
  }
  return s;
}

}  // namespace boundaudit::compose
