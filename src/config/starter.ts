/**
 * The starter config `trademail init` writes: valid as is, no mail account needed, so
 * `trademail run` works on a fresh machine; mailboxes are added from trademail.example.yaml.
 */
export function starterConfig(options: { companyName?: string; domain?: string } = {}): string {
  return `# trademail configuration. Every setting is explained in trademail.example.yaml.
database:
  url: file:./data/trademail.db

company:
  name: ${JSON.stringify(options.companyName ?? 'My Export Company')}
  domains: [${options.domain ?? 'example.com'}]

catalogue:
  products: []
  related: []

markets: []

# Add watched mailboxes here (see trademail.example.yaml), then run \`trademail doctor\`.
mailboxes: []

salespeople: []
`;
}
