# dss_add_test(NAME name LABEL unit|db|e2e SOURCES ...): one GoogleTest binary, its tests
# registered one by one with CTest. db and e2e tests need the private PostgreSQL, which the
# `postgres` fixture starts (and stops again when it started it).
include(GoogleTest)

function(dss_add_test)
  cmake_parse_arguments(ARG "" "NAME;LABEL" "SOURCES" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE dss_test_support dss_lib GTest::gtest GTest::gmock
                                            GTest::gtest_main)
  dss_set_warnings(${ARG_NAME})
  set(properties LABELS ${ARG_LABEL})
  if(NOT ARG_LABEL STREQUAL "unit")
    list(APPEND properties FIXTURES_REQUIRED postgres)
  endif()
  gtest_discover_tests(${ARG_NAME}
    TEST_PREFIX "${ARG_LABEL}."
    DISCOVERY_MODE PRE_TEST
    PROPERTIES ${properties})
endfunction()
