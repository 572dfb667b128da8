# The Kubernetes manifests (deploy/k8s/generate.py) from the same ports and flags as the units:
# the services' facts as JSON at configure time, the kustomize folders at build time in
# build/deploy/k8s/{provinsi,nasional}. The image they name is built from the packages by
# deploy/container/Containerfile.
set(k8s_dir ${CMAKE_CURRENT_BINARY_DIR}/k8s)
set(entries "")
foreach(name IN LISTS LKIP_PROVINCIAL ITEMS nasional)
  lkip_service_flags(${name} k8s flags)
  if(name IN_LIST LKIP_BIDANG_SERVICES)
    set(kind bidang)
  else()
    set(kind ${name})
  endif()
  # The files of the PKI Secret this service's pod mounts: its own key only.
  set(pki ca.crt ${name}.crt ${name}.key)
  if(NOT name STREQUAL "gateway")
    list(APPEND pki token.pub)
  endif()
  if(name STREQUAL "aggregator")
    list(APPEND pki report-signing.key)
  elseif(name STREQUAL "nasional")
    list(APPEND pki hq.token)
  endif()
  list(TRANSFORM flags PREPEND "\"")
  list(TRANSFORM flags APPEND "\"")
  list(JOIN flags ", " flags_json)
  list(TRANSFORM pki PREPEND "\"")
  list(TRANSFORM pki APPEND "\"")
  list(JOIN pki ", " pki_json)
  set(metrics_port 0)
  if(DEFINED LKIP_METRICS_PORT_${name})
    set(metrics_port ${LKIP_METRICS_PORT_${name}})
  endif()
  list(APPEND entries "    {\"name\": \"${name}\", \"kind\": \"${kind}\", \"port\": ${LKIP_PORT_${name}}, \"metrics_port\": ${metrics_port}, \"db_path\": \"${LKIP_STATE_DIR}/${name}\",\n     \"pki\": [${pki_json}],\n     \"flags\": [${flags_json}]}")
endforeach()
list(JOIN entries ",\n" entries)
file(CONFIGURE OUTPUT ${k8s_dir}/services.json
     CONTENT "{\"image\": \"lkip:${PROJECT_VERSION}\",\n \"services\": [\n${entries}\n ]}\n" @ONLY)

find_program(LKIP_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
add_custom_command(
  OUTPUT ${k8s_dir}/provinsi/kustomization.yaml ${k8s_dir}/nasional/kustomization.yaml
  COMMAND ${LKIP_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/k8s/generate.py ${k8s_dir}/services.json ${k8s_dir}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/k8s/generate.py ${k8s_dir}/services.json
  COMMENT "Kubernetes manifests (build/deploy/k8s)")
add_custom_target(lkip_k8s ALL DEPENDS ${k8s_dir}/provinsi/kustomization.yaml)
