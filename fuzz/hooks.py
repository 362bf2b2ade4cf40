"""Hooks of `cargo xtask fuzz` (schemathesis loads this file through SCHEMATHESIS_HOOKS).

Each hook covers one place where schemathesis' reading of the contract and the contract itself part
ways, and says why; fuzz/README.md lists them. None of them hides a 5xx.
"""
import json

import schemathesis

# RFC 9110, section 5.5: a header field value may hold no control character but the tab.
_HEADER_FORBIDDEN = {chr(code) for code in range(0x20) if code != 0x09} | {"\x7f"}

_FORM_MEDIA_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}


def _media_type(case) -> str:
    return (case.media_type or "").split(";")[0].strip().lower()


def _is_json_media_type(media_type: str) -> bool:
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


def _is_negative(case) -> bool:
    meta = getattr(case, "meta", None)
    return meta is not None and meta.generation.mode.is_negative


def _fits_a_part_header(name) -> bool:
    return not (isinstance(name, str) and any(char in _HEADER_FORBIDDEN for char in name))


@schemathesis.hook
def map_case(context, case):
    """Make form bodies sendable as what they are.

    1. Multipart fields whose *name* holds a control character are dropped. The form schemas allow
       properties they do not list, so schemathesis invents field names, some with control
       characters. In multipart/form-data a field name travels inside the part's
       `Content-Disposition` header (RFC 7578, section 4.2), where such characters cannot stand:
       the request is malformed HTTP rather than schema-valid data, and the server refuses it with
       400 `invalid body: multipart: failed to read headers`. The same names in a JSON or
       URL-encoded body are sent (escaped) and stay in the run. Unlisted fields are never required,
       so dropping one keeps a valid body valid.
    2. In a schema-valid form body, a JSON `null` (allowed by the nullable settings fields) is sent
       as `""`. A form cannot carry `null`: schemathesis would send the four letters `null`, which
       the server rightly reads as text (`invalid color`). The contract gives `""` the meaning of
       `null` in these fields ("`""` or `null` clears"), so the case keeps its meaning.
    """
    media_type = _media_type(case)
    if media_type in _FORM_MEDIA_TYPES and isinstance(case.body, dict):
        body = case.body
        if media_type == "multipart/form-data":
            body = {name: value for name, value in body.items() if _fits_a_part_header(name)}
        if not _is_negative(case):
            body = {name: ("" if value is None else value) for name, value in body.items()}
        case.body = body
    return case


def _is_json_text(body) -> bool:
    if isinstance(body, (bytes, bytearray)):
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return False
    if not isinstance(body, str):
        # A Python value: schemathesis serialises it as JSON.
        return True
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


# schemathesis' own positive coverage scenarios (schemathesis.generation.meta.CoverageScenario).
_POSITIVE_SCENARIOS = {
    "example_value", "default_value", "enum_value", "const_value", "valid_string", "valid_number",
    "valid_boolean", "valid_array", "valid_object", "null_value", "minimum_length_string",
    "maximum_length_string", "near_boundary_length_string", "minimum_value", "maximum_value",
    "near_boundary_number", "maximum_items_array", "near_boundary_items_array",
    "enum_value_items_array", "object_only_required", "object_required_and_optional",
    "object_additional_property", "default_positive_test",
}


def _labelled_valid(case) -> bool:
    """Whether schemathesis itself describes the case's only generated component as valid."""
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    scenario = getattr(data, "scenario", None)
    if scenario is not None and str(getattr(scenario, "value", scenario)) in _POSITIVE_SCENARIOS:
        return True
    return getattr(data, "description", None) == "Positive test case"


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def _refused_for_nul(case, response) -> bool:
    """Whether a schema-valid request was refused by the contract's general NUL rule: a body field
    holding a NUL character is refused with 400 `invalid field NAME: must not contain NUL
    characters` (the contract's general rules; PostgreSQL cannot store NUL), which the per-field
    schemas do not repeat."""
    text = getattr(response, "text", "") or ""
    return (
        getattr(response, "status_code", None) == 400
        and "must not contain NUL characters" in text
        and _holds_nul(case.body)
    )


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keep every failure but two kinds of "schema-violating request accepted" (ST201), and the
    "schema-valid request rejected" (ST202) of a body field holding a NUL character (see
    `_refused_for_nul`).

    1. A JSON body that is not JSON. The contract (general rules; decision Q20: Keep, as the
       reference) reads a body that is not valid JSON as the empty object `{}`, so for the server
       such a request is `{}`, which operations without required fields accept. Every other check
       still judges these requests (no 5xx, documented status, content type, schema of the answer);
       an operation that needs a field still refuses them, as `{}` lacks it.
    2. A case that schemathesis generated in negative mode but labels with one of its own positive
       scenarios ("Valid object" for a multipart upload, whose `format: binary` part it cannot make
       invalid): it carries no invalid component, so accepting it is right.
    """
    if getattr(failure, "code", None) == "ST202" and _refused_for_nul(case, response):
        return False
    if getattr(failure, "code", None) != "ST201":
        return True
    if _labelled_valid(case):
        return False
    if not _is_json_media_type(_media_type(case)):
        return True
    return _is_json_text(case.body)
