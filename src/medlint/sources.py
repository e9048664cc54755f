"""Read a file's bytes and decode them, remembering how to write them back.

The decoded text keeps its line endings (no newline translation), so offsets
and columns are those of the file. A byte-order mark is remembered and kept
out of the text, so it does not shift the first line's columns.
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

import msgspec
import regex

from medlint.errors import InputError
from medlint.own_patterns import compiled

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = compiled(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)
_BINARY_SNIFF = 8192
# A <meta> read from bytes as ASCII cannot be declaring UTF-16 or UTF-32 truly (the page would not
# read as ASCII): browsers read such a page as UTF-8, and decoding it as declared gives nonsense.
_NOT_DECLARABLE_IN_ASCII = ("utf-16", "utf-32")
# The Windows code pages leave a few bytes in 0x80-0x9F undefined (0x81, 0x8D, 0x8F, 0x90 and 0x9D in
# windows-1252), and Python's codecs refuse them; browsers, following the WHATWG encoding standard,
# show each as the C1 control of the same number (0x81 as U+0081). Such a page is read that way, and
# those characters are written back as the bytes they came from.
_WINDOWS_CODE_PAGES = frozenset({"cp874", *(f"cp{number}" for number in range(1250, 1259))})
# Charsets a page declares that browsers, following the same standard, read as a Windows code page:
# a Latin-1 or ASCII page's bytes 0x80-0x9F are windows-1252's curly quotes, dashes and euro sign,
# not C1 controls. And labels the standard knows that Python's codecs do not.
_READ_AS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874"}
_BROWSER_LABELS = {"windows-874": "cp874", **{f"x-cp{number}": f"cp{number}" for number in range(1250, 1259)}}


class Source(msgspec.Struct, frozen=True):
    """A file's text and what is needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + encode_text(text, self.encoding)


def encode_text(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``, a C1 control a Windows code page leaves undefined as its own byte
    (as it was read); UnicodeEncodeError for a character the encoding cannot hold."""
    return text.encode(encoding, _errors(encoding))


def _errors(encoding: str) -> str:
    """The error handler for ``encoding``: strict, but for a Windows code page's undefined C1 bytes."""
    name = _codec_name(encoding)  # "windows-1252" as written in a page is "cp1252"
    return _c1_handler(name) if name in _WINDOWS_CODE_PAGES else "strict"


@functools.cache
def _c1_handler(encoding: str) -> str:
    """Register (once) and name the handler reading and writing ``encoding``'s undefined C1 bytes."""
    undefined = frozenset(byte for byte in range(0x80, 0xA0) if _undefined(bytes([byte]), encoding))

    def handler(error: UnicodeError) -> tuple[str | bytes, int]:
        # One byte or character at a time: the codec calls again for the next, and a character the
        # page cannot hold still raises, named by the error.
        if isinstance(error, UnicodeDecodeError) and error.object[error.start] in undefined:
            return chr(error.object[error.start]), error.start + 1
        if isinstance(error, UnicodeEncodeError) and ord(error.object[error.start]) in undefined:
            return bytes([ord(error.object[error.start])]), error.start + 1
        raise error

    name = f"medlint-c1-{encoding}"
    codecs.register_error(name, handler)
    return name


def _undefined(byte: bytes, encoding: str) -> bool:
    try:
        byte.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


def stdin_bytes() -> bytes:
    """All of stdin; OSError when it is closed (``<&-``, a service) or a device that never ends
    (``< /dev/zero``), which would be read until memory ran out. A terminal and /dev/null are read."""
    if sys.stdin is None:
        raise OSError(errno.EBADF, "stdin is closed")
    stream = sys.stdin.buffer
    if endless_device(stream):
        raise OSError(errno.EINVAL, "stdin is a device, not text")
    try:
        return stream.read()
    except OSError as error:
        if error.errno == errno.EBADF:  # closed, and given a stand-in that cannot be read (medlint.entry)
            raise OSError(errno.EBADF, "stdin is closed") from None
        raise


def endless_device(stream: BinaryIO | TextIO) -> bool:
    """Whether ``stream`` is a device that never ends (/dev/zero, /dev/urandom), not a terminal or /dev/null."""
    try:
        descriptor = stream.fileno()
        status = os.fstat(descriptor)
        if not stat.S_ISCHR(status.st_mode) or os.isatty(descriptor):
            return False
        return status.st_rdev != os.stat(os.devnull).st_rdev
    except (OSError, ValueError, AttributeError):  # not a real file (a test's stream): read what it holds
        return False


def read_source(path: Path, display: str | None = None) -> Source:
    name = display or str(path)
    return decode_source(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, or an InputError naming it (``name``) and saying why not."""
    try:
        return regular_file_bytes(path)
    except NotRegular:
        raise InputError(name, "not a regular file (a pipe, socket or device); not checked") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None


class NotRegular(OSError):
    """What was opened is a pipe, a socket or a device, not a file."""


# Opening a named pipe to read waits for a writer unless told not to; Windows has no such pipes, and
# reads a file as text (line endings translated) unless told it is binary.
_OPEN_TO_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def regular_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path``: IsADirectoryError for a folder, NotRegular for
    anything else, any other OSError as opening or reading raised it.

    The file is opened without waiting and asked what it is once open: one that became a named
    pipe since it was found (or stat'ed) is refused, not waited on for ever, and a device is never read.
    """
    try:
        descriptor = os.open(path, _OPEN_TO_READ)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a Unix socket, which cannot be opened (or a device with no driver)
            raise NotRegular(errno.EINVAL, "not a regular file (a pipe, socket or device)", str(path)) from None
        raise
    with open(descriptor, "rb", buffering=0) as opened:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotRegular(errno.EINVAL, "not a regular file (a pipe, socket or device)", str(path))
        data = opened.readall()
    if data is None:  # a kernel's file that says it is regular and has nothing yet (/proc/kmsg): not waited on
        raise BlockingIOError(errno.EAGAIN, "nothing to read yet, and reading would wait for more", str(path))
    return data


# What no text holds, but for tabs and line ends: controls (Cc) and characters Unicode has not assigned (Cn).
_NOT_TEXT = frozenset({"Cc", "Cn"})
_TEXT_CONTROLS = frozenset("\t\n\v\f\r")


def _unicode_without_bom(prefix: bytes) -> str | None:
    """The encoding, "UTF-32" or "UTF-16", that ``prefix`` (holding a NUL) reads as text in with no
    byte-order mark (its NULs the high bytes of Latin characters); None if neither.

    Text is at least eight characters, none of them NUL, another control or unassigned: a binary
    file's bytes read as such characters only by chance, and never for long.
    """
    import unicodedata  # here: only a file with NUL bytes needs it

    # UTF-32 first: Latin UTF-32 reads as UTF-16 with NUL characters, never the other way round. Of
    # UTF-16's two byte orders, which may both decode, the one putting the NULs in high bytes.
    utf16 = "utf-16-be" if prefix[0::2].count(0) > prefix[1::2].count(0) else "utf-16-le"
    for encoding in ("utf-32-le", "utf-32-be", utf16):
        size = 4 if encoding.startswith("utf-32") else 2
        usable = prefix[: len(prefix) // size * size]
        try:
            text = usable.decode(encoding)
        except UnicodeDecodeError as error:
            if size == 4 or error.start < len(usable) - 2:
                continue
            text = usable[: error.start].decode(encoding)  # a surrogate pair cut by the end of the prefix
        # UTF-16's NULs are Latin characters' (a space's, a digit's): of random bytes, one unit in 256.
        latin = size == 4 or sum(c < "\u0100" for c in text) * 10 >= len(text)
        if (
            len(text) >= 8
            and latin
            and all(c in _TEXT_CONTROLS or unicodedata.category(c) not in _NOT_TEXT for c in text if not c.isalnum())
        ):
            return encoding[:6].upper()
    return None


def decode_source(data: bytes, name: str, declared: str | None = None) -> Source:
    """Decode ``data``: BOM first, then UTF-8, then a charset the HTML itself declares."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Source(name, _decode(data[len(bom) :], encoding, name), encoding, bom)
    if b"\x00" in data[:_BINARY_SNIFF]:
        unicode = _unicode_without_bom(data[:_BINARY_SNIFF])
        if unicode is not None:
            raise InputError(name, f"looks like {unicode} text with no byte-order mark; save it as UTF-8 to check it")
        raise InputError(name, "looks like a binary file (NUL bytes); not checked")
    if declared:
        return Source(name, _decode(data, declared, name), declared)
    try:
        return Source(name, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        label = _declared_label(data)
        charset = _browser_codec(label) if label else None
        if charset and charset != "utf-8" and not charset.startswith(_NOT_DECLARABLE_IN_ASCII):
            return Source(name, _decode(data, charset, name), charset)
        # A page that declares UTF-8 and is not: declaring a charset is no help, saving as UTF-8 is.
        advice = "; save it as UTF-8 or declare its charset"
        if charset == "utf-8":
            advice = ", though it declares UTF-8; save it as UTF-8"
        elif charset:
            advice = f", and its declared {charset} is read as UTF-8, as browsers read it; save it as UTF-8"
        elif label:
            advice = f", and it declares the charset {label!r}, which medlint does not know; save it as UTF-8"
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        raise InputError(name, f"not valid UTF-8 ({where}){advice}") from None


def _browser_codec(label: str) -> str | None:
    """The codec a browser reads a page declaring the charset ``label`` with, or None if none is known."""
    label = label.strip().lower()
    name = _codec_name(_BROWSER_LABELS.get(label, label))
    return _READ_AS.get(name, name) if name else None


def _declared_label(data: bytes) -> str | None:
    """The charset a page's <meta> names, as written."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding, _errors(encoding))
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(name, f"not valid {encoding} (at byte offset {error.start})") from None
    except ValueError as error:  # a codec that decodes nothing ('undefined'), or fails its own way
        raise InputError(name, f"cannot be decoded as {encoding}: {error}") from None
