#include "compose/yaml_tree.hpp"

#include "compose/yaml_syntax.hpp"

#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace boundaudit::compose {

const YamlNode::Entry* YamlNode::find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key->kind == Kind::scalar && e.key->text == key) return &e;
  return nullptr;
}

std::string_view to_string(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::null: return "null";
    case YamlNode::Kind::scalar: return "a scalar";
    case YamlNode::Kind::sequence: return "a list";
    case YamlNode::Kind::mapping: return "a mapping";
  }
  return "?";
}

namespace {


bool is_merge_key(const YamlNode& key) {
  return key.kind == YamlNode::Kind::scalar && !key.quoted && key.text == "<<" &&
         (key.tag.empty() || key.tag == "tag:yaml.org,2002:merge");
}

// Thrown from the event handler to stop yaml-cpp early; caught in parse_yaml.
struct TooManyNodes {
  int line;
};

// Builds the tree from parser events with an explicit stack (no recursion here).
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(YamlFile& file, const YamlLimits& limits) : file_(file), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {
    stack_.clear();
    anchors_.clear();
    root_ = nullptr;
  }
  void OnDocumentEnd() override {
    if (root_) file_.documents.push_back(root_);
    stack_.clear();
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode* n = make(mark, YamlNode::Kind::null);
    complete(n, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || it->second == nullptr) {
      error(mark, "alias refers to an anchor whose node is not finished (recursive alias)");
      attach(make(mark, YamlNode::Kind::null));
      return;
    }
    attach(it->second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode* n = make(mark, YamlNode::Kind::scalar);
    set_tag(*n, tag);
    n->text = value;
    complete(n, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::mapping);
  }
  void OnMapEnd() override {
    if (stack_.empty()) return;
    apply_merges(stack_.back());
    close();
  }

 private:
  struct Frame {
    YamlNode* node = nullptr;
    YAML::anchor_t anchor = 0;
    const YamlNode* pending_key = nullptr;
    std::unordered_map<std::string, const YamlNode*> seen;  // scalar keys -> key node
    std::vector<const YamlNode*> merge_sources;
    bool has_merge_key = false;
  };

  YamlNode* make(const YAML::Mark& mark, YamlNode::Kind kind) {
    if (file_.arena->size() >= limits_.max_nodes) throw TooManyNodes{mark.line + 1};
    YamlNode& n = file_.arena->emplace_back();
    n.kind = kind;
    n.line = mark.line + 1;  // 0-based YAML::Mark -> 1-based, once
    n.column = mark.column + 1;
    return &n;
  }

  static void set_tag(YamlNode& n, const std::string& tag) {
    if (tag == "?") return;  // plain, untagged
    if (tag == "!") {        // quoted or block scalar, untagged
      n.quoted = true;
      return;
    }
    n.tag = tag;
  }

  void error(const YAML::Mark& mark, std::string message) { error_at(mark.line + 1, std::move(message)); }
  void error_at(int line, std::string message) {
    file_.errors.push_back(InputError{file_.path, line, std::move(message)});
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YamlNode::Kind kind) {
    YamlNode* n = make(mark, kind);
    set_tag(*n, tag);
    if (anchor != 0) anchors_[anchor] = nullptr;  // open: aliases to it are recursive
    Frame frame;
    frame.node = n;
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    complete(frame.node, frame.anchor);
  }

  void complete(const YamlNode* n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = n;
    attach(n);
  }

  void attach(const YamlNode* n) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->kind == YamlNode::Kind::sequence) {
      f.node->items.push_back(n);
      return;
    }
    if (!f.pending_key) {
      f.pending_key = n;
      return;
    }
    const YamlNode* key = f.pending_key;
    f.pending_key = nullptr;
    add_entry(f, key, n);
  }

  void add_entry(Frame& f, const YamlNode* key, const YamlNode* value) {
    if (is_merge_key(*key)) {
      if (f.has_merge_key) {
        error_at(key->line, "duplicate key \"<<\" in one mapping");
        return;
      }
      f.has_merge_key = true;
      if (value->is_mapping()) {
        f.merge_sources.push_back(value);
      } else if (value->is_sequence()) {
        for (const YamlNode* item : value->items) {
          if (item->is_mapping())
            f.merge_sources.push_back(item);
          else
            error_at(item->line, "merge key \"<<\" list item is " + std::string(to_string(item->kind)) +
                                          ", expected a mapping (an alias like *base)");
        }
      } else {
        error_at(value->line, "merge key \"<<\" needs a mapping or a list of mappings, not " +
                                       std::string(to_string(value->kind)));
      }
      return;
    }
    if (key->kind == YamlNode::Kind::scalar) {
      auto [it, inserted] = f.seen.try_emplace(key->text, key);
      if (!inserted) {
        error_at(key->line, "duplicate key \"" + key->text + "\" (first at line " +
                                     std::to_string(it->second->line) + ")");
        return;
      }
    }
    f.node->entries.push_back({key, value});
  }

  // `<<`: local keys win, then earlier sources win over later ones. Shallow: whole values are taken.
  void apply_merges(Frame& f) {
    for (const YamlNode* source : f.merge_sources) {
      for (const auto& e : source->entries) {
        if (++merged_entries_ > limits_.max_merged_entries) {
          if (!merge_budget_reported_)
            error_at(f.node->line, "merge keys expand to more than " +
                                            std::to_string(limits_.max_merged_entries) + " entries");
          merge_budget_reported_ = true;
          return;
        }
        if (e.key->kind == YamlNode::Kind::scalar && !f.seen.try_emplace(e.key->text, e.key).second) continue;
        f.node->entries.push_back(e);
      }
    }
  }

  YamlFile& file_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, const YamlNode*> anchors_;
  const YamlNode* root_ = nullptr;
  std::size_t merged_entries_ = 0;
  bool merge_budget_reported_ = false;
};

}  // namespace

int find_excessive_nesting(std::string_view text, int max_depth) {
  int flow = 0;
  char quote = 0;  // inside a quoted scalar: '\'' or '"'
  std::vector<int> indents;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // Start of a line.
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) eol = n;
    std::size_t p = i;
    if (quote == 0 && flow == 0) {
      int indent = 0;
      while (p < eol && text[p] == ' ') ++p, ++indent;
      if (p < eol && text[p] != '#' && text[p] != '\r') {
        while (!indents.empty() && indents.back() > indent) indents.pop_back();
        if (indents.empty() || indents.back() < indent) indents.push_back(indent);
        int dashes = 0;
        while (p + 1 < eol && (text[p] == '-' || text[p] == '?') && text[p + 1] == ' ') {
          ++dashes;
          p += 2;
          while (p < eol && text[p] == ' ') ++p;
        }
        if (static_cast<int>(indents.size()) + dashes > max_depth) return line;
      }
    }
    int block = static_cast<int>(indents.size());
    char prev = ' ';
    for (; p < eol; ++p) {
      char c = text[p];
      if (quote == '"') {
        if (c == '\\') ++p;
        else if (c == '"') quote = 0;
      } else if (quote == '\'') {
        if (c == '\'') quote = 0;  // '' re-enters on the next char
      } else if (c == '#' && (prev == ' ' || prev == '\t')) {
        break;
      } else if ((c == '"' || c == '\'') &&
                 (prev == ' ' || prev == '[' || prev == '{' || prev == ',' || prev == ':')) {
        quote = c;
      } else if (c == '[' || c == '{') {
        if (++flow + block > max_depth) return line;
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
      prev = c;
    }
    i = eol + 1;
    ++line;
  }
  return 0;
}

YamlFile parse_yaml(const Source& source, const YamlLimits& limits) {
  YamlFile file;
  file.path = source.path;
  if (int line = find_excessive_nesting(source.text, limits.max_depth)) {
    file.errors.push_back(InputError{source.path, line,
                                     "nesting deeper than " + std::to_string(limits.max_depth) +
                                         " levels; refusing to parse"});
    file.complete = false;
    return file;
  }
  if (auto syntax = check_yaml_syntax(source.text, limits.dialect)) {
    file.complete = false;
    std::string column = syntax->column > 0 ? " (column " + std::to_string(syntax->column) + ")" : "";
    file.errors.push_back(InputError{source.path, syntax->line > 0 ? std::optional<int>(syntax->line) : std::nullopt,
                                     "invalid YAML: " + syntax->reason + column});
    return file;
  }
  // From here on the text is well-formed YAML: what yaml-cpp still rejects is its own limitation.
  try {
    std::istringstream in(source.text);
    YAML::Parser parser(in);
    TreeBuilder builder(file, limits);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const TooManyNodes& e) {
    file.complete = false;
    file.too_many_nodes = true;
    file.errors.push_back(InputError{source.path, e.line,
                                     "more than " + std::to_string(limits.max_nodes) +
                                         " YAML nodes; refusing to load a file this large"});
  } catch (const YAML::DeepRecursion& e) {
    file.complete = false;
    file.errors.push_back(InputError{source.path, e.mark.line + 1, "nesting too deep for the YAML parser"});
  } catch (const YAML::Exception& e) {
    file.complete = false;
    std::optional<int> line;
    if (!e.mark.is_null()) line = e.mark.line + 1;
    file.errors.push_back(InputError{source.path, line, "libfyaml accepts it but yaml-cpp cannot load it: " + e.msg});
  } catch (const std::exception& e) {
    file.complete = false;
    file.errors.push_back(InputError{source.path, std::nullopt, std::string("cannot parse YAML: ") + e.what()});
  }
  return file;
}

}  // namespace boundaudit::compose
