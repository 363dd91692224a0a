package io.entire.core.doctor;

import java.nio.file.Path;
import java.util.List;

/** Whether one agent's hooks run Entire, as this version installs them; one implementation per agent. */
interface AgentHookCheck {
    /** The agent's name as users know it. */
    String agentName();

    /** One sentence per hook missing or outdated in this work tree; empty when all are current. */
    List<String> problems(Path workTree);
}
