// RFC 9110 section 5.6.2: token = 1*tchar.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
// Section 5.6.4: a quoted-string of qdtext (HTAB, SP, VCHAR but " and \, obs-text) and quoted-pairs.
const QUOTED = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x20-\\x7e\\x80-\\xff])*"';
// Section 8.3.1: media-type = type "/" subtype parameters; parameters = *( OWS ";" OWS [ parameter ] ).
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*$`);

/**
 * Whether `value` is a media type as HTTP defines it. Such a value is also a valid header
 * value (no CR, LF, NUL, DEL or character above U+00FF), so a stored one can always be
 * sent back as Content-Type.
 */
export const isMediaType = (value: string): boolean => value.length <= 1024 && MEDIA_TYPE.test(value);
