package dev.latchkey.server.web;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The front door: signed-in users go to their tokens, everyone else to sign in.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@Nullable Principal principal) {
		return (principal != null) ? "redirect:/settings/tokens" : "redirect:/login";
	}

}
