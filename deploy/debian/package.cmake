# CPack's Debian packages (make package): one per install component of deploy/CMakeLists.txt.
# Their shared-library dependencies come from dpkg-shlibdeps; lintian checks them (tests/package_test.py).
set(LKIP_PACKAGE_MAINTAINER "lkip developers <lkip@example.org>"
    CACHE STRING "the Maintainer of the Debian packages: the office that builds and ships them")
set(LKIP_DEB_REVISION 1)
set(LKIP_DEB_VERSION ${PROJECT_VERSION}-${LKIP_DEB_REVISION})
set(deb ${CMAKE_CURRENT_BINARY_DIR}/debian)

set(LKIP_MAINTAINER "${LKIP_PACKAGE_MAINTAINER}")
string(TIMESTAMP LKIP_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(debian/changelog.in ${deb}/changelog.Debian @ONLY)
# Debian wants the changelog compressed, without a timestamp in the gzip header (-n).
execute_process(COMMAND gzip -9nf ${deb}/changelog.Debian)

set(units_provinsi lkip.target)
foreach(name IN LISTS LKIP_PROVINCIAL)
  list(APPEND units_provinsi lkip-${name}.service)
endforeach()
set(units_nasional lkip-nasional.service)
set(conffiles_common ${LKIP_CONF_DIR}/rules.d/README)
set(conffiles_provinsi "")
foreach(name IN LISTS LKIP_PROVINCIAL)
  list(APPEND conffiles_provinsi ${LKIP_CONF_DIR}/${name}.flags)
endforeach()
set(conffiles_nasional ${LKIP_CONF_DIR}/nasional.flags ${LKIP_CONF_DIR}/provinces.json)

foreach(component common provinsi nasional)
  string(TOUPPER ${component} COMP)
  set(LKIP_COMPONENT ${component})
  set(LKIP_UNITS "${units_${component}}")
  list(JOIN LKIP_UNITS " " LKIP_UNITS)
  set(LKIP_NEEDS_PKI "")
  if(NOT component STREQUAL "common")
    set(LKIP_NEEDS_PKI yes)
  endif()
  set(extra "")
  foreach(script postinst prerm postrm)
    if(component STREQUAL "common")
      break()  # lkip-common has no service and no maintainer script
    endif()
    configure_file(debian/${script}.in ${deb}/${component}/${script} @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    list(APPEND extra ${deb}/${component}/${script})
  endforeach()
  list(JOIN conffiles_${component} "\n" lines)
  file(WRITE ${deb}/${component}/conffiles "${lines}\n")
  list(APPEND extra ${deb}/${component}/conffiles)
  set(CPACK_DEBIAN_${COMP}_PACKAGE_CONTROL_EXTRA "${extra}")
  set(CPACK_DEBIAN_${COMP}_PACKAGE_NAME lkip-${component})
  install(FILES debian/copyright ${deb}/changelog.Debian.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/lkip-${component}
          COMPONENT ${component})
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/lkip-common
        COMPONENT common)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lkip)
set(CPACK_PACKAGE_VENDOR "lkip developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${LKIP_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "LKIP reports of BNN's provincial offices")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL common provinsi nasional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${LKIP_DEB_REVISION})
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/lkip")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_STRIP_FILES ON)
# The report's PDF and DOCX, and the fonts its HTML names; openssl makes the development PKI.
set(CPACK_DEBIAN_PROVINSI_PACKAGE_DEPENDS "weasyprint, pandoc, librsvg2-bin, fonts-dejavu-core, openssl")
set(CPACK_DEBIAN_NASIONAL_PACKAGE_DEPENDS "openssl")
set(CPACK_DEBIAN_COMMON_PACKAGE_DEPENDS "openssl")

set(CPACK_COMPONENT_COMMON_DISPLAY_NAME "lkip-common")
set(CPACK_COMPONENT_COMMON_DESCRIPTION "LKIP reports of BNN's provincial offices: lkipctl and the rule sets
 lkip computes the performance accountability report (LKIP) of a BNN
 provincial office from its raw records. This package holds lkipctl, the
 operator's command line, the rule sets of each fiscal year and the
 report's templates.")
set(CPACK_COMPONENT_PROVINSI_DISPLAY_NAME "lkip-provinsi")
set(CPACK_COMPONENT_PROVINSI_DESCRIPTION "LKIP reports of BNN's provincial offices: the provincial suite
 The gRPC services of a BNNP: one per bidang (pencegahan, rehabilitasi,
 pemberantasan, keuangan, zona integritas), the aggregator that assembles,
 verifies and renders the LKIP, and the REST gateway with the web dashboard,
 with hardened systemd units and lkip.target.")
set(CPACK_COMPONENT_NASIONAL_DISPLAY_NAME "lkip-nasional")
set(CPACK_COMPONENT_NASIONAL_DESCRIPTION "LKIP reports of BNN's provincial offices: the national roll-up
 BNN headquarters' national service: pulls every province's report and rolls
 them up into the national table, with its systemd unit.")
set(CPACK_COMPONENT_PROVINSI_DEPENDS common)
set(CPACK_COMPONENT_NASIONAL_DEPENDS common)
include(CPack)
