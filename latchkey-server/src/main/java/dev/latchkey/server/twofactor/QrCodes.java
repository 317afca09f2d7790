package dev.latchkey.server.twofactor;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws a QR code as inline SVG: one path of unit squares, no script, no style, no request
 * for an image, so the page's Content Security Policy stays as it is and the seed never
 * leaves the page it is shown on.
 */
final class QrCodes {

	private static final int QUIET_ZONE = 4;

	private QrCodes() {
	}

	static String svg(String text) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
		}
		catch (WriterException ex) {
			throw new IllegalStateException("No QR code for a text of " + text.length() + " characters", ex);
		}
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\" aria-label=\"QR code for your authenticator app\""
				+ " viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight() + "\" width=\"200\" height=\"200\""
				+ " shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
				+ path + "\"/></svg>";
	}

}
