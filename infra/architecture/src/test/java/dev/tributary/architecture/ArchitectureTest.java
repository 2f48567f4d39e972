package dev.tributary.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tributary.domain.Decider;
import dev.tributary.events.EventTypes;
import org.junit.jupiter.api.Test;

/**
 * The platform's seams, over the main classes of every module the three services are built from. A
 * domain is added by writing code under {@code dev.tributary.domains.<name>} and registering it; these
 * rules keep the runtime free of any domain and the domain's model free of any framework.
 */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary");

    /** The runtime: contracts, event store, service kit, read-model engine, the three engines and services. */
    private static final String[] RUNTIME = {"dev.tributary.events..", "dev.tributary.domain..", "dev.tributary.eventstore..",
            "dev.tributary.kit..", "dev.tributary.readmodel..", "dev.tributary.command..", "dev.tributary.projector..",
            "dev.tributary.query.."};

    /** What a domain's model may use besides itself: the JDK and the contracts. */
    private static final String[] PURE = {"java..", "dev.tributary.events..", "dev.tributary.domain..", "dev.tributary.domains.(*).events.."};

    @Test
    void the_rules_see_the_runtime_and_every_registered_domain() {
        assertThat(ALL.containPackage("dev.tributary.command.handling")).isTrue();
        assertThat(EventTypes.domains()).isNotEmpty().allSatisfy(domain -> {
            assertThat(ALL.containPackage("dev.tributary.domains." + domain + ".events")).as(domain).isTrue();
            assertThat(ALL.containPackage("dev.tributary.domains." + domain + ".command")).as(domain).isTrue();
            assertThat(ALL.containPackage("dev.tributary.domains." + domain + ".projection")).as(domain).isTrue();
            assertThat(ALL.containPackage("dev.tributary.domains." + domain + ".query")).as(domain).isTrue();
        });
    }

    @Test
    void runtime_code_imports_no_domain() {
        noClasses().that().resideInAnyPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAPackage("dev.tributary.domains..")
                .because("a domain plugs into the runtime through its registrations; the runtime names none")
                .check(ALL);
    }

    @Test
    void the_contracts_depend_on_the_jdk_alone() {
        classes().that().resideInAnyPackage("dev.tributary.events..", "dev.tributary.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tributary.events..", "dev.tributary.domain..")
                .because("events and deciders are records and pure functions, readable by anything for years")
                .check(ALL);
    }

    @Test
    void domain_events_import_no_framework() {
        classes().that().resideInAPackage("dev.tributary.domains.(*).events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(PURE)
                .check(ALL);
    }

    @Test
    void deciders_and_their_commands_and_states_import_no_framework() {
        classes().that().implement(Decider.class).and().resideInAPackage("dev.tributary.domains..")
                .or().haveSimpleNameEndingWith("Command").and().resideInAPackage("dev.tributary.domains..")
                .or().haveSimpleNameEndingWith("State").and().resideInAPackage("dev.tributary.domains..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(PURE[0], PURE[1], PURE[2], PURE[3], "dev.tributary.domains..")
                .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("dev.tributary.domains.(*).query..",
                        "dev.tributary.domains.(*).projection..")
                .because("an aggregate's rules are pure functions the HTTP edge and the engine call")
                .check(ALL);
    }

    @Test
    void domains_do_not_reach_into_one_another() {
        slices().matching("dev.tributary.domains.(*)..").should().notDependOnEachOther().check(ALL);
    }

    @Test
    void the_query_side_never_loads_the_command_side() {
        noClasses().that().resideInAnyPackage("dev.tributary.query..", "dev.tributary.domains.(*).query..",
                        "dev.tributary.domains.(*).projection..", "dev.tributary.readmodel..", "dev.tributary.projector..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tributary.command..", "dev.tributary.domains.(*).command..")
                .check(ALL);
    }
}
