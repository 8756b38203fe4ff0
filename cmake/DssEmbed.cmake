# Embeds the SQL migrations into the binary so that `dss` carries its own schema.
function(dss_embed_migrations output_cpp migrations_dir)
  file(GLOB migration_files CONFIGURE_DEPENDS "${migrations_dir}/*.sql")
  list(SORT migration_files)
  add_custom_command(
    OUTPUT "${output_cpp}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output_cpp} -DMIGRATIONS_DIR=${migrations_dir}
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/generate_migrations.cmake"
    DEPENDS ${migration_files} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/generate_migrations.cmake"
    COMMENT "Embedding SQL migrations")
endfunction()
