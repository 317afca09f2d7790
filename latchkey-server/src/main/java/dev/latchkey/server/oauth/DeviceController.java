package dev.latchkey.server.oauth;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The device-code entry page at {@code /device}, as GitHub's CLI login uses. A link with
 * {@code ?user_code=} only fills the code in; continuing posts it, with the page's CSRF token,
 * to the verification endpoint, which shows the consent page for that device.
 */
@Controller
class DeviceController {

	@GetMapping("/device")
	String device(@RequestParam(name = "user_code", required = false) @Nullable String userCode, Model model) {
		model.addAttribute("userCode", (userCode != null && userCode.length() <= 20) ? userCode : "");
		model.addAttribute("action", ConsentGuard.DEVICE_VERIFICATION);
		return "oauth/device";
	}

}
