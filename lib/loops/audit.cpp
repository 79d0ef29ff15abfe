// The audit driver, one way through: per file (in parallel) decode, pre-filter, model, facts and
// directives; then the project index from the summaries; the inventory (drafts resolved against the
// index); the rules over the inventory; bound statements and suppressions; --select/--ignore.
#include "loops/audit.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <tuple>
#include <memory>
#include <cstring>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/encoding.hpp"
#include "core/suppression.hpp"
#include "loops/block_scan.hpp"
#include "loops/chunks.hpp"
#include "loops/encoding.hpp"
#include "loops/extract.hpp"
#include "loops/facts.hpp"
#include "loops/file_record.hpp"
#include "loops/index.hpp"
#include "loops/parallel.hpp"
#include "loops/registry.hpp"
#include "loops/stamps.hpp"
#include "loops/rules.hpp"

namespace boundaudit::loops {

std::vector<std::string> zero_site_families(const AuditResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.spawn_families)
    if (f.sites == 0) out.push_back(f.family);
  return out;
}

const Finding* finding_at(const AuditResult& r, const AuditSite& s) {
  // Findings are sorted by site first; a rule's finding has exactly its site's Site.
  auto it = std::lower_bound(r.findings.begin(), r.findings.end(), s.site,
                             [](const Finding& f, const Site& site) { return f.site < site; });
  for (; it != r.findings.end() && it->site == s.site; ++it)
    if (it->code.starts_with("LA1") || it->code.starts_with("LA2") || it->code.starts_with("LA3")) return &*it;
  return nullptr;
}

namespace {

bool known_code(std::string_view code) { return find_rule(code) != nullptr; }

// Every dotted component of a ref ("pkg.mod.Class.method"): any of them may name the file that defines
// it, matched against module_last below.
void add_ref_parts(std::string_view ref, std::unordered_set<std::string>* out) {
  for (std::size_t i = 0; i <= ref.size();) {
    auto dot = ref.find('.', i);
    if (dot == std::string_view::npos) dot = ref.size();
    if (dot > i) out->emplace(ref.substr(i, dot - i));
    i = dot + 1;
  }
}

// The last component of a file's module key ("src/pkg/mod.py" -> "mod").
std::string module_last(std::string_view path) {
  auto key = module_key(path);
  return key.substr(key.rfind('.') + 1);
}

// A site that got a bound (from the index, a fallback or a bound statement) has no gap any more.
void settle(AuditSite& site, Bound bound) {
  site.bound = std::move(bound);
  site.gap.reset();
  site.missing.clear();
  site.reported_at_line = 0;
}

// Directives come from comment nodes only: a `# loopaudit:` inside a string is text, not a directive.
void read_directives(const FileModel& m, FileRecord* out) {
  DirectiveScan scan;
  for (auto c : m.directive_comments)
    scan_comment("loopaudit", m.text(c), m.site(c), kSuppressionCodes, known_code, &scan);
  for (auto& d : scan.directives) {
    if (d.kind == Directive::Kind::bound && !parse_bound_kind(d.bound_kind)) {
      std::string known;
      for (const auto& k : bound_kinds()) known += (known.empty() ? "" : ", ") + std::string(k.name);
      scan.problems.push_back(Finding{std::string(kInvalidSuppression.code), kInvalidSuppression.severity, d.site,
                                      "unknown bound kind `" + d.bound_kind + "` (known: " + known + ")", "", {}, ""});
      continue;
    }
    out->directives.push_back(std::move(d));
  }
  if (m.unread_directive != std::string_view::npos) {
    auto line = static_cast<int>(std::count(m.source->text.begin(), m.source->text.begin() +
                                            static_cast<std::ptrdiff_t>(m.unread_directive), '\n')) + 1;
    scan.problems.push_back(Finding{std::string(kInvalidSuppression.code), kInvalidSuppression.severity,
                                    Site{m.source->path, line, 1, line, 1},
                                    "not read: more than 64 `# loopaudit:` comments in one run of comment lines", "", {}, ""});
  }
  for (auto& p : scan.problems) out->notes.push_back(std::move(p));
}

// What a summarised file contributes: module-level facts and function facts, no sites.
enum class Stage { sites, summary_on_demand };

// The record of a file with nothing to audit, left unparsed: deferred, its summary naming its module.
FileRecord deferred_record(const std::string& path) {
  FileRecord r;
  r.facts.summary.module = module_key(path);
  r.deferred = true;
  return r;
}

FileRecord audit_file(const Source& original, ts::Parser& parser, bool partial, Stage stage) {
  FileRecord r;
  int bad_line = 0;
  // A file that declares another encoding (PEP 263) is audited as UTF-8; its lines stay the same.
  std::optional<Source> decoded;
  if (auto bom = find_bom(original.text); bom && bom->encoding != "UTF-8") {
    // Python reads source as bytes in an ASCII-compatible encoding (PEP 263): UTF-16 and UTF-32 are
    // not among them, so such a file is not Python source (and not "binary" either).
    r.error = InputError{original.path, 1, std::string(bom->encoding) +
                                               " text (byte order mark): not a valid Python source encoding; not audited"};
    return r;
  }
  if (!is_text_utf8(original.text, &bad_line)) {
    bool nul = std::memchr(original.text.data(), 0, original.text.size()) != nullptr;
    if (!nul)
      if (auto enc = declared_encoding(original.text))
        if (auto utf8 = to_utf8(original.text, *enc)) decoded = Source{original.path, std::move(*utf8)};
    if (!decoded) {
      r.error = InputError{original.path, bad_line,
                           nul ? "binary file (NUL byte); not audited"
                               : "not valid UTF-8 and no usable coding declaration (PEP 263); not audited"};
      return r;
    }
  }
  const Source& src = decoded ? *decoded : original;
  auto module = module_key(src.path);
  r.facts.summary.module = module;
  bool directives = src.text.find("loopaudit:") != std::string::npos;
  bool sites = has_code_trigger(src.text);
  bool wrappers = has_wrapper_word(src.text);
  FileModel model;
  if (stage == Stage::summary_on_demand) {
    // Another file asks about a name defined here (a constant, a re-export, a task's function).
    model = build_model(src, parser, partial);
  } else if (sites || directives || wrappers) {
    // Directives need every comment node: a file that has one is parsed whole.
    model = build_model(src, parser, partial && !directives);
  } else if (changes_imported(src.text)) {
    // No site can be here, but it changes another module's collection: that must be known.
    auto ranges = summary_ranges(src.text, true);
    if (ranges.empty()) return r;
    model = build_model_in(src, parser, ranges);
  } else {
    return deferred_record(src.path);
  }
  if (!model.tree) {
    r.error = InputError{src.path, std::nullopt, "parser gave up"};
    return r;
  }
  // Only a syntax error in code the audit reads, so that partial and full parsing report the same: a
  // cut parse that has no error is used as it is (the error is elsewhere), one that has an error falls
  // back to the whole file (build_model). A file parsed whole from the start asks the same question
  // of the ranges a cut would have parsed.
  // A file parsed whole where a partial run would have cut it (no directives, or a summary on demand)
  // is audited from that cut when the cut parses cleanly: tree-sitter's recovery from an error in code
  // the audit does not read can move what it does read (a method becomes a module function), and the
  // two modes must give the same audit.
  auto error = model.first_error;
  const bool cut = partial && !directives;
  const bool cuttable = stage == Stage::summary_on_demand || !directives;
  if (error && !partial && cuttable) {
    if (auto ranges = ranges_to_parse(src.text); !ranges.empty()) {
      auto cut_model = build_model_in(src, parser, ranges);
      if (cut_model.tree && !cut_model.first_error) {
        model = std::move(cut_model);
        error.reset();
      }
    }
  } else if (error && !cut) {
    if (auto ranges = ranges_to_parse(src.text); !ranges.empty() && !ranges_have_error(src, parser, ranges)) error.reset();
  }
  if (error && (sites || directives) && stage == Stage::sites) {
    auto n = *error;
    std::string what = ts_node_is_missing(n.raw()) ? "syntax error: missing `" + std::string(n.type()) + "`"
                                                   : "syntax error";
    r.notes.push_back(Finding{std::string(kSyntaxError.code), kSyntaxError.severity, model.site(n),
                              what + "; the file was audited with error recovery", "", {}, ""});
  }
  if (directives && stage == Stage::sites) read_directives(model, &r);
  r.cut = model.partial;
  r.facts = extract_facts(model, module, wrappers);
  if (!sites || stage != Stage::sites) r.facts.drafts.clear();
  return r;
}

// One source of the set, read now when it is a file (and dropped with this object). A thread's
// files are read into one buffer, handed back when the file is dropped: the memory that texts take
// is then one buffer per thread at the largest file's size, not one allocation per file of the tree.
class Loaded {
 public:
  // A file larger than this is not kept in the thread's buffer, and a step that can tell from a block
  // scan that it has nothing to look at in it does not read it whole (see scan_large).
  static constexpr std::size_t kKept = 1 << 20;

  // Source i: held, or read now (from `opened`, the caller's open of it, when given).
  Loaded(const SourceSet& set, std::size_t i, SourceFile* opened = nullptr) {
    if (i >= set.files.size()) held_ = &set.held[i - set.files.size()];
    else if (opened) read_ = opened->read_whole(std::exchange(spare(), {}));
    else read_ = read_source(set.files[i], std::exchange(spare(), {}));
  }
  ~Loaded() {
    // A rare large file's memory goes at once (kept, it would stay for the rest of the step).
    if (read_.source && read_.source->text.capacity() <= kKept) spare() = std::move(read_.source->text);
  }
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;
  const Source* source() const { return held_ ? held_ : read_.source ? &*read_.source : nullptr; }
  const InputError& error() const { return *read_.error; }

 private:
  static std::string& spare() {
    thread_local std::string buffer;
    return buffer;
  }
  const Source* held_ = nullptr;
  ReadResult read_;
};

// For a file of the tree larger than Loaded::kKept (generated tables, vendored data): on_block(bytes)
// for each block of it, 64 KiB at a time, until it returns false; the file is never held whole here.
// False when the file is smaller (or could not be opened: the whole read reports that) or a read
// failed; *opened is then the open file, for the caller's whole read.
template <class OnBlock>
bool scan_large(const SourceSet& set, std::size_t i, std::optional<SourceFile>* opened, OnBlock on_block) {
  if (i >= set.files.size()) return false;
  auto& file = opened->emplace(set.files[i]);
  if (file.failed() || file.size() <= Loaded::kKept) return false;
  thread_local std::string block;
  constexpr std::size_t kBlock = 64 << 10;
  return !file.scan(&block, kBlock, on_block);
}

std::string path_of(const SourceSet& set, std::size_t i) {
  return i < set.files.size() ? set.files[i] : set.held[i - set.files.size()].path;
}

RecordKind kind_of(Stage stage, bool partial) {
  if (stage == Stage::sites) return RecordKind::sites;
  return partial ? RecordKind::summary : RecordKind::whole_summary;
}

// How record_of finds or makes a file's record.
struct RecordRequest {
  Stage stage = Stage::sites;
  bool partial = true;
  const ContentCache* cache = nullptr;  // where records are kept; none: the file is audited
  Stamps* stamps = nullptr;             // with a cache: a file whose stamp the memo holds is not read
  // Sorted keys of the files the last run found with nothing to tell: such a record is not looked up
  // (and is never stored alone).
  const std::vector<CacheKey>* known_deferred = nullptr;
  // The caller reads the summary's index parts back from the cache when it needs them (summary_of),
  // so a stored record comes without them (not even decoded when found there).
  bool index_parts_later = false;
};

// Where the record is kept: its key (the file's content key for the mention counts) when there is a
// cache, and whether the cache holds it under that key (found there, or written now).
struct RecordPlace {
  std::optional<CacheKey> key;
  bool stored = false;
};

// The record of source i at the request's stage: from the cache when it holds one for this content,
// else audited (and stored). An exception becomes that file's input error, never a crash (and is not
// stored). *digest, when given, holds what the memo said of the file (the caller asked it) and gets
// the digest of the content the record is of; *place, when given, where the record is kept.
FileRecord record_of(const SourceSet& set, std::size_t i, ts::Parser& parser, const RecordRequest& request,
                     std::optional<CacheKey>* digest = nullptr, RecordPlace* place = nullptr) {
  // (Named locals, not a structured binding: clang before 16 cannot capture those in a lambda.)
  const ContentCache* const cache = request.cache;
  Stamps* const stamps = request.stamps;
  RecordPlace unasked;
  RecordPlace& at = place ? *place : unasked;
  FileRecord r;
  const std::string& path = path_of(set, i);
  // The record kept for the content with this digest, if any.
  auto kept = [&](const CacheKey& digest) -> std::optional<FileRecord> {
    const auto key = cache_key(kind_of(request.stage, request.partial), path, digest, request.partial);
    at.key = key;
    const auto* deferred = request.known_deferred;
    if (deferred && std::binary_search(deferred->begin(), deferred->end(), key)) {
      FileRecord d;
      d.deferred = true;
      d.facts.summary.module = module_key(path);
      return d;
    }
    if (auto bytes = cache->get(key))
      if (auto cached = decode(*bytes, request.index_parts_later ? IndexParts::none() : IndexParts{})) {
        at.stored = true;
        return cached;
      }
    return std::nullopt;
  };
  std::optional<FileStamp> stamp;
  std::optional<CacheKey> remembered = digest ? *digest : std::nullopt;
  if (!remembered && cache && stamps && i < set.files.size() && (stamp = stamp_of(path)))
    remembered = stamps->digest_of(*stamp);
  if (cache && remembered)
    if (auto found = kept(*remembered)) {
      if (digest) *digest = remembered;
      return std::move(*found);
    }
  // With a cache, the content read has this digest: the record kept for it, if any.
  auto settle = [&](const CacheKey& read) -> std::optional<FileRecord> {
    if (digest) *digest = read;
    // The next run knows this file unread only if the memo remembers it now: not when it changed
    // since the memo's (or this run's) earlier look, nor when its stamp is unknown or not settled.
    if (stamps && i < set.files.size() && remembered != read)
      if (remembered || !stamp || !stamps->learn(*stamp, read)) stamps->not_repeatable();
    if (remembered != read) return kept(read);
    return std::nullopt;
  };
  // A large file is first scanned a block at a time: when it holds nothing to audit (what audit_file
  // defers unparsed), its record says so without the file ever being held whole.
  std::optional<SourceFile> opened;
  if (request.stage == Stage::sites) {
    std::optional<NothingToAudit> scan;  // made at the first block: most files are not scanned
    std::optional<Digester> read;
    if (scan_large(set, i, &opened, [&](std::string_view block) {
          if (!scan) {
            scan.emplace();
            if (cache) read.emplace();
          }
          if (read) read->add(block);
          return scan->feed(block);
        }) && scan && scan->finish()) {
      if (read)
        if (auto found = settle(read->digest())) return std::move(*found);
      return deferred_record(path);
    }
  }
  Loaded file(set, i, opened ? &*opened : nullptr);
  if (!file.source()) {
    if (digest) digest->reset();  // no content: a run with this error is not stored whole
    r.error = file.error();
    return r;
  }
  const Source& src = *file.source();
  if (cache)
    if (auto found = settle(content_digest(src.text))) return std::move(*found);
  try {
    r = audit_file(src, parser, request.partial, request.stage);
  } catch (const std::exception& e) {
    r = FileRecord{};
    r.error = InputError{src.path, std::nullopt, std::string("internal error: ") + e.what()};
    return r;
  }
  if (at.key && !(request.stage == Stage::sites && nothing_to_keep(r)) && cache->put(*at.key, encode(r))) {
    at.stored = true;
    if (request.index_parts_later) drop_index_parts(&r.facts.summary);
  }
  return r;
}

// The summaries of sources todo[k] from a whole parse (for the steps that must see what a cut parse
// left out), each empty when that parse fails: the caller then keeps the cut summary.
std::vector<std::optional<FileSummary>> whole_summaries(const SourceSet& set, const std::vector<std::size_t>& todo,
                                                        Workers& workers, const ContentCache* cache, Stamps* stamps) {
  std::vector<std::optional<FileSummary>> out(todo.size());
  workers.for_each(todo.size(), [&](std::size_t k, ts::Parser& parser) {
    auto whole = record_of(set, todo[k], parser,
                           {.stage = Stage::summary_on_demand, .partial = false, .cache = cache, .stamps = stamps});
    if (!whole.error) out[k] = std::move(whole.facts.summary);
  });
  return out;
}

// The names counted, with what makes a word worth looking up: its length and its first byte.
struct Names {
  std::unordered_set<std::string_view> set;
  std::size_t shortest = SIZE_MAX, longest = 0;
  std::array<bool, 256> first{};
  explicit Names(const std::vector<std::string>& names) : set(names.begin(), names.end()) {
    for (auto n : set) {
      shortest = std::min(shortest, n.size()), longest = std::max(longest, n.size());
      first[static_cast<unsigned char>(n[0])] = true;
    }
  }
  bool has(std::string_view w) const {
    return first[static_cast<unsigned char>(w[0])] && w.size() >= shortest && w.size() <= longest && set.count(w);
  }
};

// Occurrences of each name as a word of code (comments and plain strings do not call anything).
void count_mentions(std::string_view text, const Names& names, std::unordered_map<std::string, int>* out) {
  // Most files mention none of the names: one pass over the words (wherever they are) tells, at less
  // than the lexer's cost; only a file that has one is lexed.
  bool any = false;
  for (std::size_t i = 0, n = text.size(); i < n && !any;) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && is_word_char(text[j])) ++j;
    any = names.has(text.substr(i, j - i));
    i = j;
  }
  if (!any) return;
  for_each_code_word(text, [&](std::string_view w) {
    if (names.has(w)) ++(*out)[std::string(w)];
    return false;
  });
}

// How often each counted name occurs as a word of code, kept only for the files that mention one (a
// few of a large tree's files): what the run holds does not grow with the files that mention none.
struct Mentions {
  std::vector<std::string> names;  // sorted
  struct Count {
    std::uint32_t file = 0;  // the source's index
    std::uint32_t name = 0;  // into names
    int n = 0;               // at least 1
  };
  std::vector<Count> counts;  // by file, then name

  // visit(file, counts of that file) for each file that mentions a name, in file order.
  template <class Visit> void each_file(Visit visit) const {
    for (std::size_t a = 0, b = 0; a < counts.size(); a = b) {
      while (b < counts.size() && counts[b].file == counts[a].file) ++b;
      visit(std::size_t{counts[a].file}, std::span<const Count>(counts.data() + a, b - a));
    }
  }
};

// Source i's content key (with a cache), made when asked.
using ContentKeyOf = std::function<std::optional<CacheKey>(std::size_t)>;

// Each file's content digest, with a cache: 17 bytes a file, where an optional key takes 24. Threads
// may set different files at once.
class KeyColumn {
 public:
  explicit KeyColumn(std::size_t n) : keys_(n), set_(n, 0) {}
  std::size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }
  std::optional<CacheKey> operator[](std::size_t i) const { return set_[i] ? std::optional(keys_[i]) : std::nullopt; }
  void set(std::size_t i, const std::optional<CacheKey>& key) {
    set_[i] = key.has_value();
    keys_[i] = key.value_or(CacheKey{});
  }

 private:
  std::vector<CacheKey> keys_;
  std::vector<char> set_;
};

// The mentions of the candidates in the sources. With a cache, the counts of the last run with the
// same candidates are reused for the files whose content key they hold, and only the other files
// are read and counted (then stored with them). content_key(i): source i's, with a cache; else null.
Mentions mention_counts(const SourceSet& sources, const std::unordered_set<std::string>& candidates,
                        const ContentKeyOf* content_key, Workers& workers, const ContentCache* cache, bool partial) {
  Mentions out;
  out.names.assign(candidates.begin(), candidates.end());
  std::sort(out.names.begin(), out.names.end());
  const auto& sorted = out.names;
  const Names names(sorted);
  std::optional<CacheKey> table_key;
  std::unordered_map<std::uint64_t, const MentionCounts::File*> known;  // by the content key's low half
  MentionCounts stored;
  if (cache && !cache->is_scratch()) {  // a scratch store holds no counts of an earlier run
    std::string joined;
    for (const auto& n : sorted) joined += n + '\n';
    table_key = cache_key(RecordKind::mentions, "", joined, partial);
    if (auto bytes = cache->get(*table_key))
      if (auto table = decode_mentions(*bytes)) stored = std::move(*table);
    for (const auto& f : stored.files)
      if (std::all_of(f.counts.begin(), f.counts.end(), [&](const auto& c) { return c.name >= 0 && c.name < static_cast<int>(sorted.size()) && c.n > 0; }))
        known.emplace(f.key.low, &f);
  }
  const std::size_t n = sources.files.size() + sources.held.size();
  std::vector<char> counted(n, 0);
  std::mutex lock;
  workers.for_each(n, [&](std::size_t i, ts::Parser&) {
    std::vector<Mentions::Count> found;
    auto file = static_cast<std::uint32_t>(i);
    const MentionCounts::File* memo = nullptr;
    if (auto key = known.empty() ? std::nullopt : (*content_key)(i))
      if (auto it = known.find(key->low); it != known.end() && it->second->key == *key) memo = it->second;
    if (memo) {
      for (const auto& c : memo->counts) found.push_back({file, static_cast<std::uint32_t>(c.name), c.n});
    } else {
      std::unordered_map<std::string, int> words;
      std::optional<SourceFile> opened;
      std::optional<CodeWordStream> code;  // made at the first block: most files are not scanned
      if (scan_large(sources, i, &opened, [&](std::string_view block) {
            if (!code) code.emplace([&](std::string_view w) {
              if (names.has(w)) ++words[std::string(w)];
              return false;
            });
            return code->feed(block);
          })) {
        if (code) code->finish();
      } else {
        words.clear();  // a read that failed part way counts nothing, as an unreadable file does
        Loaded loaded(sources, i, opened ? &*opened : nullptr);
        if (loaded.source()) count_mentions(loaded.source()->text, names, &words);
      }
      for (const auto& [name, count] : words)
        found.push_back({file, static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), name) - sorted.begin()), count});
      counted[i] = 1;
    }
    if (found.empty()) return;
    std::lock_guard hold(lock);
    out.counts.insert(out.counts.end(), found.begin(), found.end());
  });
  std::sort(out.counts.begin(), out.counts.end(),
            [](const auto& a, const auto& b) { return std::tie(a.file, a.name) < std::tie(b.file, b.name); });
  bool fresh = false;
  for (std::size_t i = 0; i < n && content_key && !fresh; ++i) fresh = counted[i] && (*content_key)(i);
  if (table_key && fresh) {
    // Written a file at a time (one entry per file with a key: on a large tree, a table held whole
    // before it was written was a run's peak).
    std::size_t keyed = 0;
    for (std::size_t i = 0; i < n; ++i) keyed += (*content_key)(i).has_value();
    std::size_t i = 0;
    auto at = out.counts.begin();
    cache->put_pieces(*table_key, [&](const ContentCache::Sink& sink) {
      encode_mentions(keyed, [&](std::size_t, MentionCounts::File* f) {
        std::optional<CacheKey> key;
        while (!(key = (*content_key)(i))) ++i;
        for (; at != out.counts.end() && at->file < i; ++at) {}
        f->key = *key;
        for (auto c = at; c != out.counts.end() && c->file == i; ++c) f->counts.push_back({static_cast<int>(c->name), c->n});
        ++i;
      }, sink);
    });
  }
  return out;
}

// The per-file records of one audit. A file with no site that nothing has asked about (most files of
// a large tree) holds no record, only the fact that it was deferred: what a run keeps per file stays small.
// A record's drafts may stay in the cache until the inventory reads them (drafts_in_store): until
// then the cross-file steps need only their questions (asks), which are held. A record the cache
// holds whole that has nothing else in memory (no error, directive, note, import mutation or call
// edge: most files with sites) is not held at all, only its flags: reading it as a record gives its
// flags, and its summary is {module} with the index parts in the cache.
// Where the store holds a record whose summary's index parts were left there (and the stage that
// made it, should the entry be gone when it is read back).
struct Spill {
  CacheKey key;
  Stage stage = Stage::sites;
};

class Records {
 public:
  explicit Records(std::size_t n) : slots_(n) {}
  std::size_t size() const { return slots_.size(); }
  bool held(std::size_t i) const { return slots_[i] != nullptr; }
  const FileRecord& operator[](std::size_t i) const {
    if (!slots_[i]) return deferred();
    return slots_[i]->record ? *slots_[i]->record : in_store(slots_[i]->cut);
  }
  // File i's record, to change (one not held is made; one in the store becomes its flags).
  FileRecord& at(std::size_t i) {
    if (!slots_[i]) {
      slots_[i] = std::make_unique<Held>();
      slots_[i]->record = std::make_unique<FileRecord>(deferred());
    }
    if (!slots_[i]->record) slots_[i]->record = std::make_unique<FileRecord>(in_store(slots_[i]->cut));
    return *slots_[i]->record;
  }
  // File i's record, moved out of the run's memory: its questions, site count and flags stay.
  FileRecord take(std::size_t i) {
    if (!slots_[i]) return deferred();
    if (!slots_[i]->record) return in_store(slots_[i]->cut);
    return std::move(*std::exchange(slots_[i]->record, nullptr));
  }
  // File i's summary, moved out ({} when the record is held as its flags only, or not held).
  FileSummary take_summary(std::size_t i) {
    if (!slots_[i] || !slots_[i]->record) return {};
    return std::exchange(slots_[i]->record->facts.summary, {});
  }
  // The questions of file i's drafts, in order.
  const std::vector<Ask>& asks(std::size_t i) const {
    static const std::vector<Ask> none;
    return slots_[i] ? slots_[i]->asks : none;
  }
  bool drafts_in_store(std::size_t i) const { return slots_[i] && slots_[i]->drafts_in_store; }
  // How many sites file i has (its drafts, held or in the store).
  std::size_t sites(std::size_t i) const { return slots_[i] ? slots_[i]->sites : 0; }
  // Where the store holds file i's record whose summary's index parts are not held, if it does.
  std::optional<Spill> spill(std::size_t i) const {
    if (!slots_[i] || !slots_[i]->spilled) return std::nullopt;
    return Spill{slots_[i]->key, slots_[i]->stage};
  }
  // File i's summary is held whole from now on (not read back from the store).
  void unspill(std::size_t i) {
    if (slots_[i]) slots_[i]->spilled = false;
  }
  // The key the store holds file i's drafts under (drafts_in_store(i)).
  const CacheKey& drafts_key(std::size_t i) const { return slots_[i]->key; }
  // Threads may put records into different slots at once. stored: the store holds r whole under
  // `spill->key` (its drafts and its summary's index parts), so those are not held.
  void put(std::size_t i, FileRecord r, std::optional<Spill> stored = std::nullopt) {
    if (nothing_to_keep(r)) {
      slots_[i].reset();
      return;
    }
    auto held = std::make_unique<Held>();
    for (const auto& d : r.facts.drafts) held->asks.insert(held->asks.end(), d.asks.begin(), d.asks.end());
    held->sites = r.facts.drafts.size();
    held->cut = r.cut;
    if (stored) {
      held->key = stored->key;
      held->stage = stored->stage;
      held->spilled = true;
    }
    if (stored && !r.facts.drafts.empty()) {
      std::exchange(r.facts.drafts, {});  // its memory too (`= {}` would keep the capacity)
      held->drafts_in_store = true;
    }
    // Not deferred here (nothing_to_keep dropped those): its drafts and index parts are in the store.
    if (!stored || !only_flags(r)) held->record = std::make_unique<FileRecord>(std::move(r));
    slots_[i] = std::move(held);
  }

 private:
  struct Held {
    std::unique_ptr<FileRecord> record;  // empty: the store holds it, and it has nothing but flags here
    std::vector<Ask> asks;
    CacheKey key;  // the store's key of the record, when spilled or drafts_in_store
    std::uint32_t sites = 0;
    Stage stage = Stage::sites;  // the stage that made the stored record
    bool spilled = false;        // the summary's index parts are in the store, not held
    bool drafts_in_store = false;
    bool cut = false;
  };
  static const FileRecord& deferred() {
    static const FileRecord record = [] {
      FileRecord r;
      r.deferred = true;
      return r;
    }();
    return record;
  }
  static const FileRecord& in_store(bool cut) {
    static const FileRecord whole, cut_one = [] {
      FileRecord r;
      r.cut = true;
      return r;
    }();
    return cut ? cut_one : whole;
  }
  std::vector<std::unique_ptr<Held>> slots_;
};

// The summary of file i with (at least) these index parts: in memory, or read back from the cache
// into *holder (files.spill(i): the record that holds it). An entry gone since (another run, a
// cleaner) is audited again.
const FileSummary& summary_of(const SourceSet& sources, const Records& files, std::size_t i, ts::Parser& parser,
                              bool partial, const ContentCache* cache, std::optional<FileSummary>* holder,
                              IndexParts parts = {}) {
  const auto spill = files.spill(i);
  if (!spill || !parts.any()) return files[i].facts.summary;
  if (auto bytes = cache->get(spill->key))
    if (auto record = decode(*bytes, parts)) return holder->emplace(std::move(record->facts.summary));
  auto again = record_of(sources, i, parser, {.stage = spill->stage, .partial = partial});
  return holder->emplace(std::move(again.facts.summary));
}

}  // namespace

AuditResult audit(const SourceSet& sources, const Config& config, unsigned threads, bool partial) {
  // 1. Per file: model -> facts (summary + drafts), directives. Each file's text is dropped here.
  const std::size_t n_sources = sources.files.size() + sources.held.size();
  Workers workers(threads, n_sources);  // no step has more items than there are sources
  // Without the cache, a tree read from disk spills its records to a scratch store, as it would to
  // the cache: what the run holds then does not grow with the tree's summaries.
  std::optional<ContentCache> scratch;
  if (!config.cache && !sources.files.empty()) scratch = ContentCache::scratch();
  const ContentCache* store = config.cache ? config.cache : scratch ? &*scratch : nullptr;
  Records files(n_sources);
  std::optional<Stamps> stamps;  // with a cache: a file whose stamp is known is not read to find its records
  if (config.cache) stamps.emplace(*config.cache, sources.files.size());
  Stamps* const stamped = stamps ? &*stamps : nullptr;
  // 0. With a cache: each source's content digest, from the stamp memo (a file it does not know, or
  // whose stamp changed, has none yet). When every source has one, the last run with these settings
  // may have had the same sources: then its stored result is this run's. One run is kept per
  // settings (its entry holds the digest of its sources' paths and digests before the result), so
  // the cache does not grow with every state of the tree.
  KeyColumn digests(config.cache ? n_sources : 0);
  std::string settings;
  for (const auto& part : {config.select, config.ignore}) {
    for (const auto& code : part) settings += code + ',';
    settings += '\n';
  }
  const auto run_slot = cache_key(RecordKind::run, "", settings, partial);
  auto sources_digest = [&]() -> std::optional<CacheKey> {
    Digester joined;
    for (std::size_t i = 0; i < digests.size(); ++i) {
      const auto digest = digests[i];
      if (!digest) return std::nullopt;
      const auto& path = path_of(sources, i);
      joined.add(std::string_view(path.c_str(), path.size() + 1));  // with its NUL: no two lists run together
      const std::uint64_t d[2] = {digest->high, digest->low};
      joined.add(std::string_view(reinterpret_cast<const char*>(d), sizeof d));
    }
    return joined.digest();
  };
  if (stamps) {
    // With an empty memo (a first run) the files are not stamped here: record_of stamps each once.
    const std::size_t stamped_files = stamps->knows_nothing() ? 0 : sources.files.size();
    workers.for_each(n_sources, [&](std::size_t i, ts::Parser&) {
      if (i >= sources.files.size()) digests.set(i, content_digest(sources.held[i - sources.files.size()].text));
      else if (i < stamped_files)
        if (auto stamp = stamp_of(sources.files[i])) digests.set(i, stamps->digest_of(*stamp));
    });
    if (auto same = sources_digest())
      if (auto bytes = config.cache->get(run_slot); bytes && bytes->size() >= sizeof(CacheKey)) {
        CacheKey stored_sources;
        std::memcpy(&stored_sources, bytes->data(), sizeof stored_sources);
        if (stored_sources == *same)
          if (auto stored = decode_result(std::string_view(*bytes).substr(sizeof stored_sources))) {
            if (config.progress) config.progress(n_sources, n_sources);  // every file done at once
            return std::move(*stored);
          }
      }
  }
  // record_of for source i, with a cache through its digest: what the memo said of the file in, the
  // digest of the content its record is of out.
  auto record_for = [&](std::size_t i, ts::Parser& parser, const RecordRequest& request, RecordPlace* place) {
    if (digests.empty()) return record_of(sources, i, parser, request, nullptr, place);
    auto digest = digests[i];
    auto record = record_of(sources, i, parser, request, &digest, place);
    digests.set(i, digest);
    return record;
  };
  // With a cache: source i's content key, the key of its record from the first stage (the mention
  // counts and the list of files with nothing to tell are kept by it), made again from its digest
  // when asked rather than held for every file.
  const ContentKeyOf content_key = [&](std::size_t i) -> std::optional<CacheKey> {
    const auto digest = digests.empty() ? std::nullopt : digests[i];
    if (!digest) return std::nullopt;
    return cache_key(kind_of(Stage::sites, partial), path_of(sources, i), *digest, partial);
  };
  // A file no site made the first stage summarise, summarised now that another file asks about it.
  auto summarise = [&](std::size_t i, ts::Parser& parser) {
    RecordPlace place;
    auto record = record_for(i, parser,
                             {.stage = Stage::summary_on_demand, .partial = partial, .cache = store, .stamps = stamped,
                              .index_parts_later = true},
                             &place);
    const bool stored = place.stored && !record.error;
    files.put(i, std::move(record), stored ? std::optional(Spill{*place.key, Stage::summary_on_demand}) : std::nullopt);
  };
  // With a cache: the files the last run found with nothing to tell, by content key.
  std::optional<CacheKey> deferred_key;
  DeferredKeys known;
  if (config.cache) {
    deferred_key = cache_key(RecordKind::deferred_files, "", "", partial);
    if (auto bytes = config.cache->get(*deferred_key))
      if (auto keys = decode_deferred(*bytes)) known = std::move(*keys);
  }
  std::mutex progress_lock;
  std::size_t done = 0;
  workers.for_each(n_sources, [&](std::size_t i, ts::Parser& parser) {
    RecordPlace place;
    auto record = record_for(i, parser,
                             {.stage = Stage::sites, .partial = partial, .cache = store, .stamps = stamped,
                              .known_deferred = &known.keys, .index_parts_later = true},
                             &place);
    const bool stored = place.stored && !record.error && !record.deferred;
    files.put(i, std::move(record), stored ? std::optional(Spill{*place.key, Stage::sites}) : std::nullopt);
    if (config.progress) {
      std::lock_guard lock(progress_lock);
      config.progress(++done, n_sources);
    }
  });

  // Every file this run reads it has read by now (a later stage reads a file only when its record
  // is gone, and then knows its digest): the memo is saved now, before the cross-file steps.
  if (stamps) stamps->save(*config.cache);

  if (deferred_key) {
    // Room for every file not held (those with a key), not grown by doubling; the last run's list is
    // dropped before this one is written, a piece at a time.
    std::size_t held = 0;
    for (std::size_t i = 0; i < n_sources; ++i) held += files.held(i);
    DeferredKeys now;
    now.keys.reserve(n_sources - held);
    for (std::size_t i = 0; i < n_sources; ++i)
      if (!files.held(i))
        if (auto key = content_key(i)) now.keys.push_back(*key);
    std::sort(now.keys.begin(), now.keys.end());
    const bool changed = now.keys != known.keys;
    std::exchange(known.keys, {});
    if (changed)
      config.cache->put_pieces(*deferred_key, [&](const ContentCache::Sink& sink) { encode(now, sink); });
  }

  // 1b. What the index's lookups can reach (index.hpp's Reach): every ref a question, a mutated import
  // or a wrapped call looks up is followed as ProjectIndex::find follows it (each of its prefixes may
  // name a module; in a module, a re-export of the name or of its head leads on), and from a limiter or
  // clock question's function to its callees, one step. A file with no site that a lookup lands in is
  // summarised now. Followed breadth first, so that each round's summaries are made in parallel.
  std::unordered_set<std::string> timeout_names, size_names;
  for (std::size_t i = 0; i < files.size(); ++i)
    for (const auto& a : files.asks(i))
      if (a.kind == Ask::Kind::caller_timeout) timeout_names.insert(a.name);
      else if (a.kind == Ask::Kind::param_size) size_names.insert(a.ref.substr(a.ref.rfind('.') + 1));
  Reach reach;
  reach.timeout_names = timeout_names;
  reach.size_names = size_names;
  {
    // The files by the hash of their module key's last part, by which lookups land (the key itself is
    // made again for each candidate: a copy of every file's key would grow with the tree).
    auto last_hash = [](std::string_view key) { return std::hash<std::string_view>{}(key.substr(key.rfind('.') + 1)); };
    std::vector<std::pair<std::size_t, std::size_t>> by_last;  // (hash, file), sorted
    by_last.reserve(n_sources);
    for (std::size_t i = 0; i < n_sources; ++i)
      if (!files[i].error) by_last.emplace_back(last_hash(module_key(path_of(sources, i))), i);
    std::sort(by_last.begin(), by_last.end());
    struct Lookup {
      std::string ref;
      bool callees = false;   // a limiter or clock question: the function found leads to its callees
      bool via_self = false;  // a `self.X` question: the attribute found is counted over all classes
      int hops = 0;           // re-exports followed so far (find gives up after 8, and so does this)
    };
    std::vector<Lookup> frontier;
    std::unordered_map<std::string, int> seen;  // each lookup (and its flags), with the fewest hops it came by
    auto look_up = [&](std::string ref, bool callees, bool via_self, int hops = 0) {
      if (hops > 8) return;
      auto [it, fresh] = seen.try_emplace(ref + char('0' + callees + 2 * via_self), hops);
      if (!fresh && it->second <= hops) return;
      it->second = hops;
      frontier.push_back({std::move(ref), callees, via_self, hops});
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& f = files[i];
      for (const auto& a : files.asks(i))
        look_up(a.ref, a.kind == Ask::Kind::limiter || a.kind == Ask::Kind::clock_method, a.via_self);
      for (const auto& ref : f.facts.summary.mutated_imports) look_up(ref, false, false);
      for (const auto& e : f.facts.summary.edges)
        if (e.callee && timeout_names.count(e.name)) look_up(*e.callee, false, false);
    }
    std::vector<char> reached(n_sources, 0);
    // Each (file, name within it) a lookup of ref may land on: its prefixes that name a file.
    auto landings = [&](const std::string& ref, auto&& visit) {
      for (auto dot = ref.find('.'); dot != std::string::npos; dot = ref.find('.', dot + 1)) {
        if (dot == 0) continue;
        std::string_view prefix(ref.data(), dot);
        const auto h = last_hash(prefix);
        for (auto it = std::lower_bound(by_last.begin(), by_last.end(), std::pair<std::size_t, std::size_t>{h, 0});
             it != by_last.end() && it->first == h; ++it) {
          const auto key = module_key(path_of(sources, it->second));
          if (key == prefix || (key.size() > prefix.size() && key.ends_with(prefix) && key[key.size() - prefix.size() - 1] == '.'))
            visit(it->second, ref.substr(dot + 1));
        }
      }
    };
    while (!frontier.empty()) {
      auto round = std::move(frontier);
      frontier.clear();
      std::vector<std::size_t> deferred;
      for (const auto& l : round)
        landings(l.ref, [&](std::size_t i, const std::string&) {
          if (reached[i]) return;
          reached[i] = 1;
          if (files[i].deferred) deferred.push_back(i);
        });
      workers.for_each(deferred.size(), [&](std::size_t k, ts::Parser& p) { summarise(deferred[k], p); });
      // Each landing's next lookups, found per file: a file's summary is read once in a round (in
      // parallel over the files) and dropped after it; then the lookups are followed in their order.
      struct Landing {
        std::size_t lookup, file;
        std::string name;
        std::vector<std::string> next;  // an alias's target (followed with the lookup's flags) or callees
        bool alias = false;
      };
      std::vector<Landing> landed;
      for (std::size_t k = 0; k < round.size(); ++k)
        landings(round[k].ref, [&](std::size_t i, const std::string& name) { landed.push_back({k, i, name, {}, false}); });
      std::vector<std::size_t> by_file(landed.size());
      for (std::size_t j = 0; j < by_file.size(); ++j) by_file[j] = j;
      std::stable_sort(by_file.begin(), by_file.end(), [&](auto a, auto b) { return landed[a].file < landed[b].file; });
      std::vector<std::size_t> group_starts;
      for (std::size_t j = 0; j < by_file.size(); ++j)
        if (j == 0 || landed[by_file[j]].file != landed[by_file[j - 1]].file) group_starts.push_back(j);
      group_starts.push_back(by_file.size());
      workers.for_each(group_starts.size() - 1, [&](std::size_t g, ts::Parser& parser) {
        std::optional<FileSummary> held;
        const auto& summary = summary_of(sources, files, landed[by_file[group_starts[g]]].file, parser, partial,
                                         store, &held, {true, true, false, false});  // exports, functions
        for (auto j = group_starts[g]; j < group_starts[g + 1]; ++j) {
          auto& at = landed[by_file[j]];
          const auto& name = at.name;
          auto head = name.substr(0, name.find('.'));
          if (auto e = summary.exports.find(name); e != summary.exports.end() && e->second.kind == Export::Kind::alias) {
            at.next.push_back(e->second.target);
            at.alias = true;
          } else if (auto h = summary.exports.find(head);
                     e == summary.exports.end() && h != summary.exports.end() && h->second.kind == Export::Kind::alias && head != name) {
            at.next.push_back(h->second.target + name.substr(head.size()));
            at.alias = true;
          } else if (round[at.lookup].callees) {
            if (auto fn = summary.functions.find(summary.module + "." + name); fn != summary.functions.end())
              at.next = fn->second.callees;
          }
        }
      });
      for (auto& at : landed) {
        reach.land(module_key(path_of(sources, at.file)), at.name);
        const auto& l = round[at.lookup];
        if (l.via_self) reach.self_attrs.insert(at.name.substr(at.name.rfind('.') + 1));
        for (auto& ref : at.next)
          if (at.alias) look_up(std::move(ref), l.callees, l.via_self, l.hops + 1);
          else look_up(std::move(ref), false, false);
      }
    }
  }

  // 1c. A timer object's test (`timeout.expired()`) may reach the clock through another method of its
  // class, which a cut parse dropped when it held no trigger word: the files that may define the classes
  // such questions name are summarised again from a whole parse, so that both parse modes agree. Few
  // files (a project's timer class or two); their drafts from step 1 stay as they are.
  if (partial) {
    std::unordered_set<std::string> timer_parts;
    for (std::size_t i = 0; i < files.size(); ++i)
      for (const auto& a : files.asks(i))
        if (a.kind == Ask::Kind::clock_method) add_ref_parts(a.ref, &timer_parts);
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < files.size() && !timer_parts.empty(); ++i)
      if (!files[i].error && timer_parts.count(module_last(path_of(sources, i)))) todo.push_back(i);
    auto whole = whole_summaries(sources, todo, workers, store, stamped);
    for (auto i : todo) reach.whole.insert(module_key(path_of(sources, i)));
    workers.for_each(todo.size(), [&](std::size_t k, ts::Parser& parser) {
      auto i = todo[k];
      std::optional<FileSummary> held;
      if (files.spill(i)) files.at(i).facts.summary = summary_of(sources, files, i, parser, partial, store, &held);
      files.unspill(i);
    });
    for (std::size_t k = 0; k < todo.size(); ++k)
      if (whole[k])
        for (auto& [qual, facts] : whole[k]->functions) {
          auto [it, fresh] = files.at(todo[k]).facts.summary.functions.try_emplace(qual, std::move(facts));
          if (!fresh) it->second.reads_clock = it->second.reads_clock || facts.reads_clock;
        }
  }

  // 2. The project index, from the summaries and the mentions of the candidates. A file with no site
  // that mentions a candidate (or a class attribute a `self.X` question counts) is summarised, so that
  // its definitions, imports and calls are accounted for; the attributes' counts serve only that.
  std::unordered_set<std::string> candidates(timeout_names.begin(), timeout_names.end());
  candidates.insert(size_names.begin(), size_names.end());
  std::unordered_map<std::string, int> mentions;
  std::unordered_set<std::string> counted = candidates;
  counted.insert(reach.self_attrs.begin(), reach.self_attrs.end());
  if (!counted.empty()) {
    const auto found = mention_counts(sources, counted, config.cache ? &content_key : nullptr, workers, store, partial);
    std::vector<char> candidate(found.names.size());  // a name counted for a question, not only for self.X
    for (std::size_t k = 0; k < found.names.size(); ++k) candidate[k] = candidates.count(found.names[k]) != 0;
    std::vector<std::size_t> todo;
    std::vector<std::pair<std::size_t, std::span<const Mentions::Count>>> mentioning;  // of a candidate
    found.each_file([&](std::size_t i, std::span<const Mentions::Count> counts) {
      if (files[i].deferred) todo.push_back(i);
      bool any = false;
      for (const auto& c : counts)
        if (candidate[c.name]) mentions[found.names[c.name]] += c.n, any = true;
      if (any) mentioning.emplace_back(i, counts);
    });
    workers.for_each(todo.size(), [&](std::size_t k, ts::Parser& parser) { summarise(todo[k], parser); });
    // 2b. A cut file may mention a candidate in a statement the cut left out (a plain call of the
    // function in a method with no trigger word): the index would then see fewer calls than mentions
    // and answer "unknown" where a whole parse answers. Such files are summarised again from a whole
    // parse, so that both parse modes give the index the same calls; their drafts stay as they are.
    // Only for a name every other file accounts for: a mention that a file parsed whole (or not at
    // all) leaves unaccounted makes the answer "unknown" in both modes, and re-parsing cannot help.
    if (partial) {
      auto count = [](const auto& map, const std::string& name) {
        auto it = map.find(name);
        return it == map.end() ? 0 : it->second;
      };
      // The names mentioning[k]'s file mentions more often than its summary accounts for.
      std::vector<std::vector<std::string>> unaccounted(mentioning.size());
      workers.for_each(mentioning.size(), [&](std::size_t k, ts::Parser& parser) {
        const auto [i, counts] = mentioning[k];
        std::optional<FileSummary> held;
        const FileSummary* summary = nullptr;
        if (!files[i].error)  // accounted, calls and declared
          summary = &summary_of(sources, files, i, parser, partial, store, &held, {false, false, true, true});
        for (const auto& c : counts) {
          if (!candidate[c.name]) continue;
          const auto& name = found.names[c.name];
          bool missing = !summary;
          if (summary) {
            auto shape = summary->calls.find(name);
            int calls = shape == summary->calls.end() ? 0 : shape->second.calls;
            missing = (size_names.count(name) && c.n > calls + count(summary->declared, name)) ||
                      (timeout_names.count(name) && c.n > count(summary->accounted, name));
          }
          if (missing) unaccounted[k].push_back(name);
        }
      });
      std::unordered_set<std::string> hopeless;  // unaccounted somewhere a whole parse would not change
      for (std::size_t k = 0; k < mentioning.size(); ++k)
        if (!files[mentioning[k].first].cut) hopeless.insert(unaccounted[k].begin(), unaccounted[k].end());
      std::vector<std::size_t> todo;
      for (std::size_t k = 0; k < mentioning.size(); ++k) {
        const auto i = mentioning[k].first;
        if (!files[i].cut || files[i].error) continue;
        if (std::any_of(unaccounted[k].begin(), unaccounted[k].end(), [&](const auto& name) { return !hopeless.count(name); }))
          todo.push_back(i);
      }
      auto whole = whole_summaries(sources, todo, workers, store, stamped);
      for (std::size_t k = 0; k < todo.size(); ++k)
        if (whole[k]) {
          reach.whole.insert(module_key(path_of(sources, todo[k])));
          files.at(todo[k]).facts.summary = std::move(*whole[k]);
          files.unspill(todo[k]);
        }
    }
  }

  // Each summary cut down; a file no lookup can land in that adds nothing to the counts is left out of
  // the index altogether: it could only answer nothing.
  std::vector<std::size_t> summarised;  // held files with no error, in order
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files.held(i) && !files[i].error) summarised.push_back(i);
  // A batch of files at a time: the whole summaries read back for a batch are held only until
  // they are pruned, and only the summaries the index keeps stay.
  std::vector<FileSummary> summaries;
  constexpr std::size_t kSummaryBatch = 256;
  std::vector<std::optional<FileSummary>> batch(std::min(kSummaryBatch, summarised.size()));
  for (std::size_t start = 0; start < summarised.size(); start += kSummaryBatch) {
    const std::size_t stop = std::min(summarised.size(), start + kSummaryBatch);
    workers.for_each(stop - start, [&](std::size_t k, ts::Parser& parser) {
      const auto i = summarised[start + k];
      const auto module = module_key(path_of(sources, i));
      std::optional<FileSummary> held;
      if (files.spill(i)) summary_of(sources, files, i, parser, partial, store, &held, reach.parts_for(module));
      if (!held) held = files.take_summary(i);
      held->module = module;  // a record held as its flags only has {module} for a summary
      auto s = prune(std::move(*held), reach);
      const bool counts = !s.exports.empty() || !s.edges.empty() || !s.accounted.empty() || !s.calls.empty() ||
                          !s.declared.empty() || !s.mutated_imports.empty();
      if (counts || reach.lands_in(s.module)) batch[k] = std::move(s);
    });
    for (std::size_t k = 0; k < stop - start; ++k)
      if (batch[k]) summaries.push_back(std::move(*std::exchange(batch[k], std::nullopt)));
  }
  summaries.shrink_to_fit();  // held for the rest of the run, by the index
  const ProjectIndex index(std::move(summaries), std::move(mentions));

  AuditResult out;
  for (auto family : kSpawnFamilies) out.spawn_families.push_back({std::string(family), 0});
  // 3a. The drafts left in the cache, read back (in parallel) for the inventory, a batch of files at
  // a time, so that the drafts held at once do not grow with the tree; a file whose entry went away
  // during the run (another process, a cleaner) is audited again.
  auto by_place = [](const AuditSite& a, const AuditSite& b) {
    return std::tie(a.site, a.category, a.call) < std::tie(b.site, b.category, b.call);
  };
  // The sites' list is made at its final size: growing it would hold two copies while it moves.
  std::size_t site_count = 0;
  for (std::size_t i = 0; i < files.size(); ++i) site_count += files.sites(i);
  out.sites.reserve(site_count);
  std::optional<AuditSite> last_site;  // the last site listed, and whether each came after the one before
  bool in_order = true;
  constexpr std::size_t kBatch = 256;
  std::vector<std::vector<Draft>> stored_drafts(std::min(kBatch, files.size()));
  for (std::size_t start = 0; start < files.size(); start += kBatch) {
    const std::size_t stop = std::min(files.size(), start + kBatch);
    bool any_stored = false;
    for (std::size_t i = start; i < stop && !any_stored; ++i) any_stored = files.drafts_in_store(i);
    if (any_stored)
      workers.for_each(stop - start, [&](std::size_t k, ts::Parser& parser) {
        const std::size_t i = start + k;
        if (!files.drafts_in_store(i)) return;
        std::optional<FileRecord> stored;
        if (auto bytes = store->get(files.drafts_key(i))) stored = decode(*bytes, IndexParts::none());
        if (!stored) stored = record_of(sources, i, parser, {.stage = Stage::sites, .partial = partial});
        stored_drafts[k] = std::move(stored->facts.drafts);
      });
    for (std::size_t i = start; i < stop; ++i) {
      if (files[i].error) {
        out.errors.push_back(*files[i].error);
        continue;
      }
      ++out.files_scanned;
      if (!files.held(i)) continue;  // no site, nothing to report
      auto f = files.take(i);  // what the run holds of the file goes as its sites come
      // 3. Inventory: each draft's questions answered by the index, first answer wins.
      auto drafts = files.drafts_in_store(i) ? std::exchange(stored_drafts[i - start], {}) : std::move(f.facts.drafts);
      std::vector<AuditSite> sites;
      for (auto& d : drafts) {
        auto site = std::move(d.site);
        if (!site.bound) {
          std::optional<Bound> answer;
          for (const auto& ask : d.asks)
            if ((answer = index.answer(ask, site.category))) break;
          if (!answer) answer = d.fallback;
          if (answer) settle(site, std::move(*answer));
        }
        sites.push_back(std::move(site));
      }
      // 4. Bound statements: `# loopaudit: bound=KIND "text"` on a site's line or the line above.
      std::vector<Directive> ignores;
      std::vector<Finding> notes = std::move(f.notes);
      std::unordered_multimap<int, std::size_t> at_line;  // site line -> sites (not every site per statement)
      if (!f.directives.empty())
        for (std::size_t i = 0; i < sites.size(); ++i) at_line.emplace(sites[i].site.line, i);
      for (auto& d : f.directives) {
        if (d.kind == Directive::Kind::ignore) {
          ignores.push_back(std::move(d));
          continue;
        }
        bool used = false;
        for (int line : {d.site.line, d.site.line + 1})
          for (auto [it, end] = at_line.equal_range(line); it != end; ++it) {
            settle(sites[it->second], Bound{*parse_bound_kind(d.bound_kind), d.bound_text, std::nullopt, d.site.line, true});
            used = true;
          }
        if (!used)
          notes.push_back(Finding{std::string(kUnusedSuppression.code), kUnusedSuppression.severity, d.site,
                                  "unused bound statement: no while, fan-out or spawn site here", "", {}, ""});
      }
      // 5. Rules over the inventory.
      std::vector<Finding> findings;
      for (const auto& s : sites)
        for (const auto& rule : site_rules())
          if (auto message = rule.check(s))
            findings.push_back(Finding{std::string(rule.info->code), rule.info->severity, s.site, *message, s.function, {}, ""});
      for (auto& n : notes)
        if (n.code == kSyntaxError.code) findings.push_back(n);
      std::erase_if(notes, [](const Finding& n) { return n.code == kSyntaxError.code; });
      // 6. Suppressions (LA900/LA901 notes are suppressible like any finding), then selection.
      auto kept = apply_suppressions(std::move(findings), std::move(notes), ignores, kSuppressionCodes);
      std::erase_if(kept, [&](const Finding& x) { return !selected(config, x.code); });
      std::stable_sort(sites.begin(), sites.end(), by_place);  // not always in source order (nested definitions)
      if (!sites.empty()) {
        if (last_site && by_place(sites.front(), *last_site)) in_order = false;
        last_site = sites.back();
      }
      for (auto& s : sites) {
        if (s.category == Category::spawn)
          for (auto& fam : out.spawn_families)
            if (fam.family == spawn_family(s.call)) ++fam.sites;
        out.sites.push_back(std::move(s));
      }
      for (auto& x : kept) out.findings.push_back(std::move(x));
    }
  }
  // The files come in path order and each file's sites were sorted, so the list is sorted already
  // but for held sources after the files: only then are the sites read back, sorted and listed again.
  if (!in_order) {
    std::vector<AuditSite> all(out.sites.begin(), out.sites.end());
    std::stable_sort(all.begin(), all.end(), by_place);
    out.sites.clear();
    for (auto& site : all) out.sites.push_back(std::move(site));
  }
  std::sort(out.findings.begin(), out.findings.end());
  std::sort(out.errors.begin(), out.errors.end());
  if (stamps && stamps->repeatable())
    if (auto same = sources_digest())
      config.cache->put_pieces(run_slot, [&](const ContentCache::Sink& sink) {
        sink(std::string_view(reinterpret_cast<const char*>(&*same), sizeof *same));
        encode(out, sink);
      });
  return out;
}

}  // namespace boundaudit::loops
