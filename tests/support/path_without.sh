# Sourced by test scripts: path_without WORK NAME... prints a PATH like the current one in which the
# commands NAME... cannot be found. Each PATH folder that holds one of them is replaced by WORK/pathN, a
# folder of links to everything else in it; the other folders stay as they are.
path_without() {
  local work=$1; shift
  local out="" n=0 dir name entry skip excluded
  local -a dirs
  IFS=: read -r -a dirs <<< "$PATH"
  for dir in "${dirs[@]}"; do
    [ -d "$dir" ] || continue
    skip=0
    for name in "$@"; do [ -e "$dir/$name" ] && skip=1; done
    if [ $skip = 1 ]; then
      n=$((n + 1))
      mkdir -p "$work/path$n"
      for entry in "$dir"/*; do
        excluded=0
        for name in "$@"; do [ "${entry##*/}" = "$name" ] && excluded=1; done
        [ $excluded = 1 ] || ln -s "$entry" "$work/path$n/${entry##*/}"
      done
      dir=$work/path$n
    fi
    out=${out:+$out:}$dir
  done
  printf '%s\n' "$out"
}
