package dev.latchkey.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout the README's Architecture section draws, held against the compiled classes, so a
 * shortcut that ties two features into a loop fails the build instead of slowly blurring them.
 */
class ArchitectureTests {

	private static JavaClasses server;

	@BeforeAll
	static void importServer() {
		server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.latchkey.server");
	}

	@Test
	void featuresWhenImportedThenFormNoCycle() {
		slices().matching("dev.latchkey.server.(*)..").should().beFreeOfCycles().check(server);
	}

	@Test
	void packagesWhenImportedThenFormNoCycle() {
		slices().matching("dev.latchkey.server.(**)").should().beFreeOfCycles().check(server);
	}

	@Test
	void tokenCheckWhenImportedThenKnowsNoKindOfToken() {
		noClasses().that()
			.resideInAPackage("dev.latchkey.server.check..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.latchkey.server.token..", "dev.latchkey.server.oauth..")
			.check(server);
	}

	/** Sign-in's bridge to Spring Security excepted: the session's principal is its product. */
	@Test
	void servicesAndStoresWhenImportedThenDependOnNoPage() {
		noClasses().that()
			.areAnnotatedWith(Service.class)
			.or()
			.areAnnotatedWith(Repository.class)
			.and()
			.doNotImplement(UserDetailsService.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.latchkey.server.web..")
			.orShould()
			.dependOnClassesThat()
			.areAnnotatedWith(Controller.class)
			.orShould()
			.dependOnClassesThat()
			.areAnnotatedWith(RestController.class)
			.check(server);
	}

}
