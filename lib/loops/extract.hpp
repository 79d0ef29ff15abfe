// The per-file stage: one file's model reduced to what the later stages need (facts.hpp), the tree
// dropped afterwards. Runs the summary and the three site stages (stages.hpp).
#pragma once

#include <string>

#include "loops/facts.hpp"
#include "loops/model.hpp"

namespace boundaudit::loops {

// Reduces a model to its facts. module is module_key(path); wrapper_words is has_wrapper_word(text)
// (without those words no call can be under a timeout or a cancel, so no call edge is looked for).
FileFacts extract_facts(const FileModel& m, const std::string& module, bool wrapper_words);

}  // namespace boundaudit::loops
