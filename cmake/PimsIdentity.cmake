# Reads the extension identities from extension/identity.json (the one place they are defined)
# and exposes them as PIMS_CHROME_ID, PIMS_CHROME_KEY and PIMS_GECKO_ID.
set(PIMS_IDENTITY_FILE "${PROJECT_SOURCE_DIR}/extension/identity.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PIMS_IDENTITY_FILE}")
file(READ "${PIMS_IDENTITY_FILE}" _pims_identity)
string(JSON PIMS_CHROME_ID GET "${_pims_identity}" chrome_id)
string(JSON PIMS_CHROME_KEY GET "${_pims_identity}" chrome_key)
string(JSON PIMS_GECKO_ID GET "${_pims_identity}" gecko_id)
