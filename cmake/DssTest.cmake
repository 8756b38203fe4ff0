# dss_add_test(NAME name LABEL unit|db|e2e SOURCES ...): one GoogleTest binary, its tests
# registered one by one with CTest. db and e2e tests need the private PostgreSQL, which the
# `postgres` fixture starts (and stops again when it started it).
include(GoogleTest)

# Test code (not the dss code it tests, which keeps the build type's -O2) is compiled with -Og:
# it runs for seconds, mostly waiting on servers, and -O2 would double its compile time. Its
# files are small and share gtest, so they are compiled twenty to a unity batch.
function(dss_test_code_options target)
  target_compile_options(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-Og>)
  if(DSS_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 20)
  endif()
endfunction()

# `test_programs` builds what `make test` runs: dss and every test executable, without the
# benchmarks, so that a change is compiled and under test sooner.
add_custom_target(test_programs)
add_dependencies(test_programs dss)

function(dss_add_test)
  cmake_parse_arguments(ARG "" "NAME;LABEL" "SOURCES" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  add_dependencies(test_programs ${ARG_NAME})
  target_link_libraries(${ARG_NAME} PRIVATE dss_test_support dss_lib GTest::gtest GTest::gmock
                                            GTest::gtest_main)
  dss_set_warnings(${ARG_NAME})
  dss_test_code_options(${ARG_NAME})
  set(properties LABELS ${ARG_LABEL})
  if(NOT ARG_LABEL STREQUAL "unit")
    list(APPEND properties FIXTURES_REQUIRED postgres)
  endif()
  gtest_discover_tests(${ARG_NAME}
    TEST_PREFIX "${ARG_LABEL}."
    DISCOVERY_MODE PRE_TEST
    PROPERTIES ${properties})
endfunction()
