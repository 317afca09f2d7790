package dev.latchkey.server.oauth;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The device-code entry page at {@code /device}, as GitHub's CLI login uses. Submitting a
 * code goes to Spring Authorization Server's verification endpoint at the same path.
 */
@Controller
class DeviceController {

	@GetMapping("/device")
	String device() {
		return "oauth/device";
	}

}
