// The vocabulary of questions a file asks the project index: a Ref names something defined at module
// level somewhere in the tree, an Ask is one question about it (its size, its limiter, its callers).
#pragma once

#include <string>

#include "loops/inventory.hpp"

namespace boundaudit::loops {

// Something defined at module level of a module (or in a class there), named by an absolute dotted
// path: "pkg.sub.mod.PROBES", "pkg.sub.mod.Runner.run". Which prefix is the module is decided by the
// index (it knows the modules); a file's own names use its own module key.
using Ref = std::string;

// A question only the index can answer; the first one answered gives the site its bound.
struct Ask {
  enum class Kind {
    size,            // the size of the collection `ref` names (largest value when largest_value)
    limiter,         // the limiter the function `ref` (or a helper it calls) acquires
    caller_timeout,  // every caller of the coroutine `ref` wraps it in a non-None timeout
    param_size,      // the largest collection any call of the function `ref` passes for a parameter
    clock_method,    // whether the method `ref` (or a helper it calls) reads a clock: a timer object's test
  };
  Kind kind = Kind::size;
  Ref ref;
  bool largest_value = false;  // `.get(k, ())` / `[k]` on a dict of collections
  bool via_self = false;       // `self.X` / `cls.X`: an override elsewhere makes it unknown
  std::string name;            // as written, for the detail
  Unit unit = Unit::items;     // what the size counts at this site
  std::string per;             // spawn: "in series" / "at once"
  // param_size: the parameter's index among the positional ones (-1: keyword-only), whether it is
  // `*args`, and the size of its default (-1: not static; -2: no default).
  struct Param {
    std::string name;
    int position = -1;
    bool varargs = false;
    int default_size = -2;
  } param;
};

}  // namespace boundaudit::loops
