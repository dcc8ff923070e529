/**
 * Renders the configuration of a private Dovecot 2.3 test instance. Pure: takes plain data,
 * returns the text of dovecot.conf. Nothing here reads or writes the filesystem.
 */

export interface DovecotConfigInput {
  /** Root of the instance: base_dir, state, users file, homes and log all live under it. */
  root: string;
  port: number;
  /** System accounts Dovecot's own services run as (`dovecot`/`dovenull` on Debian, or the current user). */
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  /** Uid/gid that owns the mail; Dovecot refuses mail access as uid 0. */
  mailUid: number;
  mailGid: number;
  /** Running as root: login and anvil processes chroot; an unprivileged master cannot chroot. */
  privileged: boolean;
  /** false: advertise every default capability except IDLE, so clients must fall back to polling. */
  idle: boolean;
  /** Appended verbatim, for tests that need a setting this helper does not expose. */
  extraConfig?: string;
  /**
   * Also accept OAuth2 bearer tokens (XOAUTH2, OAUTHBEARER: RFC 7628), checked by POSTing them
   * to this token introspection endpoint (RFC 7662), which answers {active, username}.
   */
  oauth2IntrospectionUrl?: string;
}

/**
 * The post-login CAPABILITY list of Dovecot 2.3.19 as advertised with default settings, minus IDLE
 * (RFC 2177). `imap_capability` replaces the whole list (pre- and post-login) unless it starts with
 * '+', and there is no setting to remove a single item, so the list is spelled out here.
 */
export const CAPABILITIES_WITHOUT_IDLE = [
  'IMAP4rev1',
  'SASL-IR',
  'LOGIN-REFERRALS',
  'ID',
  'ENABLE',
  'SORT',
  'SORT=DISPLAY',
  'THREAD=REFERENCES',
  'THREAD=REFS',
  'THREAD=ORDEREDSUBJECT',
  'MULTIAPPEND',
  'URL-PARTIAL',
  'CATENATE',
  'UNSELECT',
  'CHILDREN',
  'NAMESPACE',
  'UIDPLUS',
  'LIST-EXTENDED',
  'I18NLEVEL=1',
  'CONDSTORE',
  'QRESYNC',
  'ESEARCH',
  'ESORT',
  'SEARCHRES',
  'WITHIN',
  'CONTEXT=SEARCH',
  'LIST-STATUS',
  'BINARY',
  'MOVE',
  'SNIPPET=FUZZY',
  'PREVIEW=FUZZY',
  'PREVIEW',
  'STATUS=SIZE',
  'SAVEDATE',
  'LITERAL+',
  'NOTIFY',
  'SPECIAL-USE',
] as const;

/** Folders every user gets, created and subscribed on first login (RFC 6154 SPECIAL-USE). */
export const SPECIAL_FOLDERS = [
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Junk', specialUse: '\\Junk' },
  { name: 'Trash', specialUse: '\\Trash' },
] as const;

export function dovecotPaths(root: string) {
  return {
    config: `${root}/dovecot.conf`,
    baseDir: `${root}/run`,
    stateDir: `${root}/state`,
    /** One passwd-file per user (see renderDovecotConfig). */
    usersDir: `${root}/users`,
    homes: `${root}/home`,
    log: `${root}/dovecot.log`,
    oauth2Config: `${root}/dovecot-oauth2.conf.ext`,
    masterPid: `${root}/run/master.pid`,
  };
}

export function renderDovecotConfig(input: DovecotConfigInput): string {
  const p = dovecotPaths(input.root);
  const mailboxes = SPECIAL_FOLDERS.map(
    (f) => `  mailbox ${f.name} {\n    special_use = ${f.specialUse}\n    auto = subscribe\n  }`,
  ).join('\n');
  const noChroot = input.privileged ? [] : ['  chroot ='];
  const lines = [
    `base_dir = ${p.baseDir}`,
    `state_dir = ${p.stateDir}`,
    // The instance name shows in process titles, which tells parallel test instances apart.
    `instance_name = ${input.root.split('/').pop()}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    `auth_mechanisms = plain login${input.oauth2IntrospectionUrl ? ' xoauth2 oauthbearer' : ''}`,
    'auth_username_format = %Lu',
    // Failed logins answer within 0.5 s (Dovecot checks its failure queue twice a second)
    // instead of after 2 s; see also the anvil service below.
    'auth_failure_delay = 0',
    `log_path = ${p.log}`,
    `default_internal_user = ${input.internalUser}`,
    `default_internal_group = ${input.internalGroup}`,
    `default_login_user = ${input.loginUser}`,
    `first_valid_uid = ${input.mailUid}`,
    `first_valid_gid = ${input.mailGid}`,
    // LAYOUT=fs with an explicit INBOX directory gives every folder, INBOX included, its own
    // plain Maildir directory: ~/Maildir/INBOX, ~/Maildir/Sent, ~/Maildir/Sent/2024.
    'mail_location = maildir:~/Maildir:LAYOUT=fs:INBOX=~/Maildir/INBOX',
    'mail_fsync = never',
    'passdb {',
    // One file per user: Dovecot re-checks a passwd-file at most once per second, so a user
    // added to a shared file could stay unknown for up to a second; a new file is read at once.
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${p.usersDir}/%u`,
    '}',
    ...(input.oauth2IntrospectionUrl
      ? [
          'passdb {',
          '  driver = oauth2',
          '  mechanisms = xoauth2 oauthbearer',
          `  args = ${p.oauth2Config}`,
          '}',
        ]
      : []),
    'userdb {',
    '  driver = passwd-file',
    `  args = username_format=%u ${p.usersDir}/%u`,
    '}',
    'service imap-login {',
    ...noChroot,
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${input.port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    // The auth process counts failures per IP through this socket and then delays every
    // login from that IP, good ones too, by 2 to 15 s. Unreachable, the penalty is off.
    //.
    'service anvil {',
    ...noChroot,
    '  unix_listener anvil-auth-penalty {',
    '    mode = 0',
    '  }',
    '}',
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '  prefix =',
    mailboxes,
    '}',
  ];
  if (!input.idle) lines.push(`imap_capability = ${CAPABILITIES_WITHOUT_IDLE.join(' ')}`);
  if (input.extraConfig) lines.push(input.extraConfig);
  return `${lines.join('\n')}\n`;
}

/** The oauth2 passdb's own settings file (see oauth2IntrospectionUrl). */
export function renderOauth2Config(introspectionUrl: string): string {
  return [
    'introspection_mode = post',
    `introspection_url = ${introspectionUrl}`,
    'username_attribute = username',
    'active_attribute = active',
    'active_value = true',
    '',
  ].join('\n');
}

/** One line of the passwd-file (user:password:uid:gid:gecos:home:shell:extra). */
export function passwdLine(name: string, password: string, uid: number, gid: number, home: string): string {
  return `${name}:{PLAIN}${password}:${uid}:${gid}::${home}::`;
}
