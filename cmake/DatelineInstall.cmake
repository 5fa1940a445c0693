# `cmake --install`: the front ends, the library (shared and static), its public headers, a
# CMake package (find_package(Dateline) -> Dateline::dateline, Dateline::dateline_static) and
# a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(TARGET indexer)
  # Installed programs find the installed shared library beside them.
  set_target_properties(indexer searcher PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS indexer searcher RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(TARGETS dateline_shared dateline_static EXPORT DatelineTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/common/include/dateline
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Dateline)
install(EXPORT DatelineTargets NAMESPACE Dateline:: DESTINATION ${config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/DatelineConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/DatelineConfig.cmake
                              INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/DatelineConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/DatelineConfig.cmake
              ${PROJECT_BINARY_DIR}/DatelineConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/DatelineDependencies.cmake
        DESTINATION ${config_dir})

file(RELATIVE_PATH DATELINE_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
configure_file(${PROJECT_SOURCE_DIR}/cmake/dateline.pc.in ${PROJECT_BINARY_DIR}/dateline.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/dateline.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
