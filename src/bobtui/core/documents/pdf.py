"""PDF from the Word document, when LibreOffice is installed: a headless conversion in a
private temporary folder (its own LibreOffice profile, so an open LibreOffice is not disturbed).
Without LibreOffice the printed HTML is the route that needs nothing installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from bobtui.core.domain.errors import BobError

NO_LIBREOFFICE = (
    "Voor PDF is LibreOffice nodig (het programma soffice); installeer LibreOffice, of exporteer "
    "met --format html en druk die pagina af als PDF."
)
_PROGRAMS = ("soffice", "libreoffice")
_TIMEOUT = 180  # seconds: a first start of LibreOffice builds its profile


def libreoffice() -> str | None:
    """The LibreOffice program on this machine, if any."""
    return next((found for name in _PROGRAMS if (found := shutil.which(name))), None)


def docx_to_pdf(document: bytes) -> bytes:
    """``document`` (a Word file) as PDF; one Dutch sentence when it cannot be made."""
    program = libreoffice()
    if program is None:
        raise BobError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="bobtui-pdf-") as folder:  # 0700, removed after
        work = Path(folder)
        source = work / "verslag.docx"
        source.write_bytes(document)
        try:
            done = subprocess.run(
                [
                    program,
                    "--headless",
                    f"-env:UserInstallation={(work / 'profiel').as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                capture_output=True,
                timeout=_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BobError(
                "LibreOffice gaf na drie minuten nog geen PDF; probeer het opnieuw."
            ) from None
        result = work / "verslag.pdf"
        if done.returncode != 0 or not result.exists():
            raise BobError("LibreOffice kon de PDF niet maken; exporteer als html en druk die af.")
        return result.read_bytes()
