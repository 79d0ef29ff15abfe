// The per-file stage's output. A file's model (model.hpp) is read once and reduced to:
//   - a FileSummary: what other files may ask about this one (module-level names and what they are
//     bound to, functions and what they acquire, which calls it makes and under which timeout);
//   - Draft sites: every while loop, fan-out and spawn with the bound this file alone can prove, or
//     the questions (Ask) only the project index can answer (an imported constant, a coroutine's
//     limiter, who calls this coroutine and under which timeout).
// The tree is dropped after this stage; nothing here points into it.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "loops/ask.hpp"
#include "loops/inventory.hpp"
#include "loops/model.hpp"

namespace boundaudit::loops {


// What a module-level or class-level name is bound to, as far as its own file can tell.
struct Export {
  enum class Kind { collection, dict_of_collections, number, alias, function, class_, other };
  Kind kind = Kind::other;
  int size = 0;         // collection / dict_of_collections: items (keys)
  int largest = 0;      // dict_of_collections: items of its largest value
  double number = 0;    // number
  std::string target;   // alias: the absolute dotted target of the import
  bool mutated = false; // changed in place, or bound more than once, in its own file
  bool class_attr = false;
};

struct FunctionFacts {
  bool is_async = false;
  std::optional<std::string> limiter;  // a limiter acquired in it or in a function nested in it
  bool reads_clock = false;            // calls a clock (time.monotonic(), loop.time(), ...) in its own body
  std::vector<Ref> callees;            // functions it calls, resolved by identity
};

// A call of a function defined in the scanned tree (or of an unresolved name, kept by simple name so
// that an unknown caller makes a caller-timeout verdict more conservative, never less).
struct CallEdge {
  std::optional<Ref> callee;  // resolved by identity, when this file can tell
  std::string name;           // simple name called
  std::optional<std::string> wrapper;  // the non-None timeout around the call, or the cancel, as text
  bool cancels = false;                // run as a task its creator cancels (not a timeout)
};

// How one simple name is called in a file, merged over its calls (for a parameter's size from its
// callers). Sizes are those of literal collections; -1 where some call passes anything else.
struct CallShape {
  int calls = 0;
  int min_positional = 1 << 30, max_positional = 0;
  bool splat = false;                            // some call passes *xs or **kw
  std::vector<int> positional;                   // largest size per index (over calls that reach it)
  std::unordered_map<std::string, int> keyword;  // largest size per keyword
  void merge(const CallShape& o);
};

struct FileSummary {
  std::string module;  // the file's own dotted key ("src.pkg.mod"; "__init__" dropped)
  std::unordered_map<std::string, Export> exports;           // "NAME", "Class.NAME"
  std::unordered_map<std::string, FunctionFacts> functions;  // by qualname
  std::vector<Ref> mutated_imports;  // imported names this file changes in place
  std::vector<CallEdge> edges;
  // Simple names this file accounts for, with counts: definitions and wrapped calls. The index
  // compares them with every mention of a caller-timeout candidate in the text.
  std::unordered_map<std::string, int> accounted;
  // Every call by simple name, and the definitions and imports of each name (for param_size: the
  // index compares calls + declared with every mention).
  std::unordered_map<std::string, CallShape> calls;
  std::unordered_map<std::string, int> declared;
};

// The parts of a summary that only the project index reads (what is large in a summary), each of
// which a step may leave out (file_record.hpp's decode, index.hpp's Reach): calls stands for calls
// and declared.
struct IndexParts {
  bool exports = true, functions = true, accounted = true, calls = true;
  static constexpr IndexParts none() { return {false, false, false, false}; }
  bool any() const { return exports || functions || accounted || calls; }
};

struct Draft {
  AuditSite site;
  std::vector<Ask> asks;            // only when site.bound is empty
  std::optional<Bound> fallback;    // the bound when no ask is answered (e.g. held, behind a size ask)
};

struct FileFacts {
  FileSummary summary;
  std::vector<Draft> drafts;
};

// The file's module key from its path: "src/pkg/mod.py" -> "src.pkg.mod", "pkg/__init__.py" -> "pkg".
std::string module_key(std::string_view path);


// A site at node n in scope, with text, function and in_loop filled in.
AuditSite make_site(const FileModel& m, Category c, ts::Node n, int scope, int loop, std::string call);

// Spawn families in report order, and the family of a resolved spawn call ("" when not a spawn).
inline constexpr std::string_view kSpawnFamilies[] = {"subprocess",      "asyncio subprocess", "os",
                                                      "pty",             "multiprocessing",    "concurrent.futures"};
std::string_view spawn_family(std::string_view resolved);

// Source text squeezed onto one line (runs of blanks collapsed) and cut to max_chars with "...".
std::string one_line(std::string_view text, std::size_t max_chars = 60);

}  // namespace boundaudit::loops
