# Builds the seed corpora from fixtures/ (cmake -P; run by the fuzz_seeds target):
#   cmake -DSOURCE_DIR=<repo> -DOUT_DIR=<build>/fuzz/seeds -P fuzz/seeds.cmake
# compose_fuzz gets every compose fixture alone, and every fixture folder holding a compose.yaml with
# other files as one input in compose_fuzz's format (compose.yaml first, then `#@ NAME` and each other
# file, at most three files); loops_fuzz every Python fixture; docsync_fuzz every markdown file in
# fixtures/ and the rule docs. Nothing is copied into the source tree.
foreach(var SOURCE_DIR OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "seeds.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR}/compose_fuzz ${OUT_DIR}/loops_fuzz ${OUT_DIR}/docsync_fuzz)

# Copies each file to OUT_DIR/target/<its path below SOURCE_DIR, '/' as '_'>.
function(copy_seeds target)
  foreach(file IN LISTS ARGN)
    file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
    string(REPLACE "/" "_" name ${rel})
    configure_file(${file} ${OUT_DIR}/${target}/${name} COPYONLY)
  endforeach()
endfunction()

file(GLOB_RECURSE compose_files LIST_DIRECTORIES false
     ${SOURCE_DIR}/fixtures/*.yaml ${SOURCE_DIR}/fixtures/*.yml ${SOURCE_DIR}/fixtures/*.env)
copy_seeds(compose_fuzz ${compose_files})

# Multi-file projects: compose.yaml, then up to two of its neighbours.
file(GLOB_RECURSE bases LIST_DIRECTORIES false ${SOURCE_DIR}/fixtures/*/compose.yaml)
foreach(base IN LISTS bases)
  get_filename_component(dir ${base} DIRECTORY)
  file(GLOB others LIST_DIRECTORIES false ${dir}/*.yaml ${dir}/*.yml ${dir}/.env)
  list(REMOVE_ITEM others ${base})
  list(SORT others)
  list(LENGTH others count)
  if(count EQUAL 0)
    continue()
  endif()
  if(count GREATER 2)
    list(SUBLIST others 0 2 others)
  endif()
  file(READ ${base} project)
  foreach(other IN LISTS others)
    get_filename_component(name ${other} NAME)
    file(READ ${other} text)
    string(APPEND project "#@ ${name}\n${text}")
  endforeach()
  file(RELATIVE_PATH rel ${SOURCE_DIR} ${dir})
  string(REPLACE "/" "_" name ${rel})
  file(WRITE ${OUT_DIR}/compose_fuzz/project_${name}.yaml "${project}")
endforeach()

file(GLOB_RECURSE python_files LIST_DIRECTORIES false ${SOURCE_DIR}/fixtures/*.py)
copy_seeds(loops_fuzz ${python_files})

file(GLOB_RECURSE markdown_files LIST_DIRECTORIES false ${SOURCE_DIR}/fixtures/*.md ${SOURCE_DIR}/rules/*.md)
copy_seeds(docsync_fuzz ${markdown_files})
