// One in-memory Python source and its FileModel, for tests of the model and the stages on it.
#pragma once

#include <string>
#include <string_view>

#include "loops/model.hpp"

namespace boundaudit::testing {

struct BuiltModel {
  Source src;
  ts::Parser parser;
  loops::FileModel model;
  explicit BuiltModel(std::string text) : src{"m.py", std::move(text)}, model(loops::build_model(src, parser)) {}
  // The first call written as `dotted`, or nullptr.
  const loops::Call* call(std::string_view dotted) const {
    for (const auto& c : model.calls)
      if (c.dotted == dotted) return &c;
    return nullptr;
  }
  // The first scope with this simple name, or -1.
  int scope(std::string_view name) const {
    for (std::size_t i = 0; i < model.scopes.size(); ++i)
      if (model.scopes[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace boundaudit::testing
