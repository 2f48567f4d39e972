package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management endpoints Micronaut marks sensitive answer the role admin only; they never fail. */
class ManagementEndpointsIT {

    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }

    @Test
    void sensitive_management_endpoints_answer_admins_refuse_other_roles_and_ask_the_anonymous_for_a_token() throws Exception {
        for (String endpoint : new String[] {"/threaddump", "/routes", "/beans"}) {
            assertThat(query.get(endpoint, query.token("admin")).statusCode()).as(endpoint + " as admin").isEqualTo(200);
            var analyst = query.get(endpoint, query.token("reader", "analyst"));
            assertThat(analyst.statusCode()).as(endpoint + " as analyst: " + analyst.body()).isEqualTo(403);
            assertThat(query.get(endpoint, null).statusCode()).as(endpoint + " with no token").isEqualTo(401);
        }
    }
}
