package io.entire.core.workspace;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Progress;
import io.entire.core.agent.claudecode.ClaudeCompactTranscripts;
import io.entire.core.attribution.LineAttributor;
import io.entire.core.attribution.TraceExporter;
import io.entire.core.capture.Attacher;
import io.entire.core.capture.CaptureSettings;
import io.entire.core.capture.Condenser;
import io.entire.core.capture.HistoryImporter;
import io.entire.core.capture.ImportOffer;
import io.entire.core.capture.ManualLink;
import io.entire.core.capture.OwedCompletion;
import io.entire.core.doctor.Cleaner;
import io.entire.core.doctor.Doctor;
import io.entire.core.doctor.HookServerProbe;
import io.entire.core.doctor.LiveSessions;
import io.entire.core.doctor.SecretRewriter;
import io.entire.core.doctor.StuckSessionRepair;
import io.entire.core.doctor.Verifier;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefTip;
import io.entire.core.git.Remote;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.MigrationReport;
import io.entire.core.migrate.RefsMigration;
import io.entire.core.migrate.V2Migration;
import io.entire.core.migrate.V2MigrationPlanner;
import io.entire.core.push.CheckpointPusher;
import io.entire.core.push.PushQueue;
import io.entire.core.push.PushReport;
import io.entire.core.query.BranchCheckpoints;
import io.entire.core.query.Explainer;
import io.entire.core.query.StatusQuery;
import io.entire.core.recover.AgentTranscripts;
import io.entire.core.recover.Resumer;
import io.entire.core.recover.Rewinder;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.session.SessionStore;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsException;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.settings.StoreMode;
import io.entire.core.setup.Enabler;
import io.entire.core.store.CheckpointDestination;
import io.entire.core.store.CheckpointRemotes;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.V2Store;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One repository as entire works on it, opened once per run with the {@link Environment} it runs in: it owns the
 * settings, the stores, the sessions and the agent's pieces, and hands out the capture, query, migration and push
 * operations wired to them. Everything is built on first use, so a run pays only for what it touches. The only code
 * that opens a {@link StoreSet}. Serves one thread; close it to close the stores it opened.
 */
public final class Workspace implements AutoCloseable {
    private final GitRepository repository;
    private final Environment environment;
    private final String cliVersion;
    private Settings settings;
    private StoreSet stores;

    private Workspace(GitRepository repository, Optional<Settings> settings, Environment environment,
            String cliVersion) {
        this.repository = requireNonNull(repository, "repository is null");
        this.settings = settings.orElse(null);
        this.environment = requireNonNull(environment, "environment is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    /** The repository whose work tree contains the environment's working directory. */
    public static Workspace open(Environment environment, String cliVersion) {
        return new Workspace(GitRepository.open(environment.workingDirectory(), environment), Optional.empty(),
                environment, cliVersion);
    }

    /** A repository a hook opened already, with the settings it read; nothing is read twice. */
    public static Workspace of(GitRepository repository, Settings settings, Environment environment,
            String cliVersion) {
        return new Workspace(repository, Optional.of(settings), environment, cliVersion);
    }

    /** A repository a hook opened already; its settings are read on first use. */
    public static Workspace of(GitRepository repository, Environment environment, String cliVersion) {
        return new Workspace(repository, Optional.empty(), environment, cliVersion);
    }

    public GitRepository repository() {
        return repository;
    }

    public Path workTree() {
        return repository.workTree();
    }

    public Environment environment() {
        return environment;
    }

    /** The settings of the work tree, read on first use. */
    public Settings settings() {
        if (settings == null) {
            settings = SettingsLoader.load(repository.workTree());
        }
        return settings;
    }

    /** The version of entire that runs, which checkpoints record. */
    public String cliVersion() {
        return cliVersion;
    }

    /** The stores the settings select, opened on first use and closed with this workspace. */
    public StoreSet stores() {
        if (stores == null) {
            stores = openStores();
        }
        return stores;
    }

    /** A set of the stores the settings select that the caller closes: capture opens them only when it must. */
    public StoreSet openStores() {
        return StoreSet.open(repository, settings(), cliVersion, pushQueue(), compactTranscripts(),
                V2Store.GENERATION_SIZE);
    }

    public SessionStore sessions() {
        return new SessionStore(repository.commonDir(), environment, redactionRules());
    }

    /** The remote named {@code name}, or the default one (the branch's upstream, else origin) when it is empty. */
    public Remote remote(String name) {
        return name.isEmpty() ? repository.defaultRemote().orElseGet(() -> repository.remote("origin"))
                : repository.remote(name);
    }

    /**
     * The remote a person named on the command line (the default one when empty): a name that is neither a
     * configured remote nor a URL or path is an {@link io.entire.core.git.UnknownRemoteException}.
     */
    public Remote namedRemote(String name) {
        return name.isEmpty() ? remote(name) : repository.namedRemote(name, environment.workingDirectory());
    }

    public Explainer explainer() {
        return new Explainer(repository, stores());
    }

    public StatusQuery status() {
        return new StatusQuery(repository, enabler(), environment);
    }

    public BranchCheckpoints branchCheckpoints() {
        return new BranchCheckpoints(repository, stores());
    }

    public Enabler enabler() {
        return new Enabler(repository, environment);
    }

    public ManualLink manualLink() {
        return new ManualLink(repository, stores());
    }

    public Attacher attacher() {
        return new Attacher(repository, stores(), cliVersion, redactionRules(), environment);
    }

    /** Whether enable offers {@code import}: once, when past sessions exist. */
    public ImportOffer importOffer() {
        return new ImportOffer(repository, environment);
    }

    /** Imports the sessions agents recorded here before Entire was enabled. */
    public HistoryImporter historyImporter() {
        return new HistoryImporter(repository, stores(), cliVersion, redactionRules(), environment);
    }

    /** Who wrote each line of a file: git's blame with the linked checkpoints' recorded writes. */
    public LineAttributor lineAttributor() {
        return new LineAttributor(repository, stores());
    }

    /** Agent Trace records of the linked commits, with blame's verdicts. */
    public TraceExporter traceExporter() {
        return new TraceExporter(repository, stores(), cliVersion);
    }

    public LiveSessions liveSessions() {
        return new LiveSessions(repository, sessionsDespiteBrokenSettings(), environment.clock());
    }

    public Cleaner cleaner() {
        return new Cleaner(repository, sessionsDespiteBrokenSettings());
    }

    /** The health checks; {@code probe} reaches the hook server the launcher would use. */
    public Doctor doctor(HookServerProbe probe) {
        return new Doctor(repository, sessionsDespiteBrokenSettings(), environment, probe);
    }

    public StuckSessionRepair stuckSessionRepair() {
        return new StuckSessionRepair(repository, sessions(), captureSettings(), environment.random());
    }

    public Verifier verifier() {
        return new Verifier(repository, new Redactor(redactionRules()));
    }

    public SecretRewriter secretRewriter() {
        return new SecretRewriter(repository, new Redactor(redactionRules()));
    }

    public Rewinder rewinder() {
        return new Rewinder(repository, stores(), sessions(), new AgentTranscripts(environment));
    }

    public Resumer resumer() {
        return new Resumer(repository, this::openStores, new AgentTranscripts(environment),
                checkpointRemotes());
    }

    /** What a commit hook needs to write checkpoints for the agent's sessions. */
    public Condenser condenser() {
        return new Condenser(repository, sessions(), captureSettings());
    }

    public OwedCompletion owedCompletion() {
        return new OwedCompletion(repository, sessions(), captureSettings());
    }

    /** Where checkpoints go and come from: the {@code checkpoint_remote} setting, else the code remote. */
    public CheckpointRemotes checkpointRemotes() {
        return new CheckpointRemotes(repository, settings().checkpointRemote());
    }

    /** Where the checkpoints of a push to this code remote go. */
    public CheckpointDestination checkpointDestination(Remote codeRemote) {
        return checkpointRemotes().forCodeRemote(codeRemote);
    }

    /**
     * Pushes the queued checkpoint refs (and the branches the settings write) to the destination's remote, telling
     * {@code progress} how many of the refs to send are settled.
     */
    public PushReport push(CheckpointDestination destination, Progress progress) {
        return new CheckpointPusher(repository, stores()).push(destination.remote(), progress);
    }

    /**
     * Pushes to the remote named {@code remoteName} whatever the settings say, queueing every checkpoint ref of this
     * clone first: it moves checkpoints to a remote, such as a checkpoint remote set after they were pushed.
     */
    public PushReport pushEverythingTo(String remoteName, Progress progress) {
        Remote target = namedRemote(remoteName);
        stores().refStore().ifPresent(store -> pushQueue().addAll(store.tips().stream().map(RefTip::ref).toList()));
        return new CheckpointPusher(repository, stores()).push(target, progress);
    }

    /** The checkpoints on the remote named {@code remoteName} (the checkpoint remote when empty), without fetching. */
    public RemoteListing listRemote(String remoteName) {
        Remote target = remoteName.isEmpty() ? checkpointDestination(remote("")).remote() : namedRemote(remoteName);
        return new RemoteListing(target.name(), stores().listRemote(target));
    }

    /** Copies the v1 branch's checkpoints to one ref each; in mirror mode, also repairs the branch mirror. */
    public MigrationReport migrateToRefs(MigrationOptions options, Progress progress) {
        RefsMigration.BranchMirror mirror = settings().storeMode() == StoreMode.REFS_WITH_BRANCH_MIRROR
                ? RefsMigration.BranchMirror.REPAIR : RefsMigration.BranchMirror.LEAVE;
        try (StoreSet migrationStores = StoreSet.forRefsMigration(repository, cliVersion, pushQueue())) {
            return new RefsMigration(repository, migrationStores, options, progress, mirror,
                    checkpointRemotes().forReading().filter(CheckpointDestination::separate)
                            .map(CheckpointDestination::remote)).run();
        }
    }

    /** Copies the v1 branch's checkpoints to v2: those v2 lacks, or with {@code everything} all of them again. */
    public MigrationReport migrateToV2(MigrationOptions options, boolean everything, Progress progress) {
        try (StoreSet migrationStores = StoreSet.forV2Migration(repository, cliVersion, compactTranscripts(),
                V2Store.GENERATION_SIZE)) {
            return new V2Migration(repository, migrationStores, options, everything
                    ? V2MigrationPlanner.Scope.EVERYTHING : V2MigrationPlanner.Scope.MISSING, progress).run();
        }
    }

    // The agent seam: Claude Code is the only agent; the agent SPI will hand these out per agent.
    private CaptureSettings captureSettings() {
        return new CaptureSettings(environment.clock(), cliVersion, redactionRules());
    }

    /**
     * The sessions for the commands that must run when the settings cannot be read (doctor names the broken file):
     * redacted with the built-in rules only, until the project's can be read again.
     */
    private SessionStore sessionsDespiteBrokenSettings() {
        RedactionRules rules;
        try {
            rules = redactionRules();
        } catch (SettingsException e) {
            rules = RedactionRules.NONE;
        }
        return new SessionStore(repository.commonDir(), environment, rules);
    }

    private RedactionRules redactionRules() {
        return new RedactionRules(settings().redaction().allow(), settings().redaction().patterns());
    }

    private CompactTranscripts compactTranscripts() {
        return new ClaudeCompactTranscripts(cliVersion)::build;
    }

    private PushQueue pushQueue() {
        return new PushQueue(repository.commonDir());
    }

    @Override
    public void close() {
        if (stores != null) {
            stores.close();
        }
    }
}
