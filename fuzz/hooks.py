"""Hooks of `cargo xtask fuzz` (schemathesis loads this file through SCHEMATHESIS_HOOKS).

Each hook keeps schemathesis from sending a request that only looks schema-valid; none of them
hides an answer of the server.
"""
import schemathesis

# RFC 9110, section 5.5: a header field value may hold no control character but the tab.
_HEADER_FORBIDDEN = {chr(code) for code in range(0x20) if code != 0x09} | {"\x7f"}


def _fits_a_part_header(name) -> bool:
    return not (isinstance(name, str) and any(char in _HEADER_FORBIDDEN for char in name))


@schemathesis.hook
def map_case(context, case):
    """Drop multipart fields whose *name* holds a control character.

    The form schemas allow properties they do not list, so schemathesis invents field names, some
    with control characters. In multipart/form-data a field name travels inside the part's
    `Content-Disposition` header (RFC 7578, section 4.2), where such characters cannot stand: the
    request is malformed HTTP rather than schema-valid data, and the server refuses it with 400
    `invalid body: multipart: failed to read headers`. The same names in a JSON or URL-encoded body
    are sent (escaped) and stay in the run. Unlisted fields are never required, so dropping one
    keeps a valid body valid.
    """
    media_type = (case.media_type or "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data" and isinstance(case.body, dict):
        case.body = {name: value for name, value in case.body.items() if _fits_a_part_header(name)}
    return case
