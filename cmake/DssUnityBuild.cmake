# Unity builds: the sources of a folder are compiled as one translation unit, so the heavy
# headers they share (Boost.Beast, nlohmann/json, fmt, CLI11, gtest) are parsed, and their
# templates compiled, once per folder instead of once per file. It makes a clean build about
# three times faster on two cores; `-DDSS_UNITY_BUILD=OFF` builds file by file.
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
  # Count each folder's sources first, to split it into groups of even size.
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.cpp$" OR IS_ABSOLUTE "${source}")
      continue()
    endif()
    get_filename_component(folder "${source}" DIRECTORY)
    string(MAKE_C_IDENTIFIER "g_${folder}" key)
    if(NOT DEFINED count_${key})
      set(count_${key} 0)
    endif()
    math(EXPR count_${key} "${count_${key}} + 1")
  endforeach()
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.cpp$" OR IS_ABSOLUTE "${source}")
      continue()
    endif()
    get_filename_component(folder "${source}" DIRECTORY)
    string(MAKE_C_IDENTIFIER "g_${folder}" key)
    math(EXPR groups "(${count_${key}} + ${ARG_MOST} - 1) / ${ARG_MOST}")
    math(EXPR size "(${count_${key}} + ${groups} - 1) / ${groups}")
    if(NOT DEFINED seen_${key})
      set(seen_${key} 0)
    endif()
    math(EXPR part "${seen_${key}} / ${size}")
    math(EXPR seen_${key} "${seen_${key}} + 1")
    set_source_files_properties("${source}" PROPERTIES UNITY_GROUP "${key}_${part}")
  endforeach()
endfunction()
