# Unity builds: the sources of a folder are compiled as one translation unit, so the heavy
# headers they share (Boost.Beast, nlohmann/json, fmt, CLI11, gtest) are parsed, and their
# templates compiled, once per folder instead of once per file. With -g1 and the tests at -Og,
# it made a clean build on two cores five times faster (README, "Build times").
# `-DDSS_UNITY_BUILD=OFF` builds file by file.
#
# A file in a unity group shares its anonymous namespace with its neighbours: two files of one
# folder cannot both define `namespace { int helper(); }`. Give such helpers one home (core/) or
# names of their own.
option(DSS_UNITY_BUILD "Compile each source folder as one translation unit" ON)

# dss_unity_by_folder(target [MOST n]): one unity group per folder of the target's sources,
# split into groups of at most n files (default 16) so that a large folder does not become the
# one long compile that everything waits for.
function(dss_unity_by_folder target)
  cmake_parse_arguments(ARG "" "MOST" "" ${ARGN})
  if(NOT DSS_UNITY_BUILD)
    return()
  endif()
  if(NOT ARG_MOST)
    set(ARG_MOST 16)
  endif()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
  get_target_property(sources ${target} SOURCES)
  # The target's own .cpp files (not generated ones, which have absolute paths), each with its
  # folder's key, and how many files each folder has.
  set(keyed)
  foreach(source IN LISTS sources)
    if(source MATCHES "\\.cpp$" AND NOT IS_ABSOLUTE "${source}")
      get_filename_component(folder "${source}" DIRECTORY)
      string(MAKE_C_IDENTIFIER "g_${folder}" key)
      list(APPEND keyed "${key}" "${source}")
      math(EXPR count_${key} "0${count_${key}} + 1")
    endif()
  endforeach()
  # A folder of n files becomes ceil(n / MOST) groups of even size, in the order listed.
  list(LENGTH keyed length)
  if(length EQUAL 0)
    return()
  endif()
  math(EXPR last "${length} - 1")
  foreach(index RANGE 0 ${last} 2)
    list(GET keyed ${index} key)
    math(EXPR next "${index} + 1")
    list(GET keyed ${next} source)
    math(EXPR groups "(${count_${key}} + ${ARG_MOST} - 1) / ${ARG_MOST}")
    math(EXPR size "(${count_${key}} + ${groups} - 1) / ${groups}")
    math(EXPR part "0${seen_${key}} / ${size}")
    math(EXPR seen_${key} "0${seen_${key}} + 1")
    set_source_files_properties("${source}" PROPERTIES UNITY_GROUP "${key}_${part}")
  endforeach()
endfunction()
