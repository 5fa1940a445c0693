# The dependencies of the dateline library, found once and exposed as imported targets. All
# come from Debian packages (scripts/packages.txt). Installed with the CMake package, so that
# a consumer of the static library finds them the same way.

# Xapian ships a variables-only CMake config; wrap it in a target once, here.
find_package(xapian CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  target_include_directories(Xapian::xapian INTERFACE "${XAPIAN_INCLUDE_DIR}")
  target_link_libraries(Xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(simdjson CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(ZLIB REQUIRED)
find_package(zstd CONFIG REQUIRED)

find_package(PkgConfig REQUIRED)
pkg_check_modules(gumbo REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(xxhash REQUIRED IMPORTED_TARGET libxxhash)
find_package(Threads REQUIRED)

# CLD2 (language detection) has neither a CMake config nor a pkg-config file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
if(NOT TARGET CLD2::cld2)
  add_library(CLD2::cld2 UNKNOWN IMPORTED)
  set_target_properties(CLD2::cld2 PROPERTIES IMPORTED_LOCATION "${CLD2_LIBRARY}"
                                              INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
endif()

if(TARGET zstd::libzstd_shared)
  set(DATELINE_ZSTD_TARGET zstd::libzstd_shared)
else()
  set(DATELINE_ZSTD_TARGET zstd::libzstd_static)
endif()
