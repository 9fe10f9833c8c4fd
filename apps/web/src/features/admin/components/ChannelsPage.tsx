import type { AdminChannel, ChannelSecretName, ChannelTestResult } from '@parley/contract';
import { useId, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import type { AdminPageProps } from '../adminPage.ts';
import { useChannels, useSetChannelEnabled, useTestChannel } from '../hooks/useChannels.ts';
import { AdminButton, AdminListState, AdminPageHeader, ReadOnlyNote } from './AdminControls.tsx';
import { ChannelSecretDialog, type ShownSecrets } from './ChannelSecretDialog.tsx';
import { ChannelSheet, kindLabels } from './ChannelSheet.tsx';
import { RotateSecretDialog } from './RotateSecretDialog.tsx';

type SheetState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const shortKindLabels = {
  webhook: 'Webhook',
  whatsapp: 'WhatsApp',
  webchat: 'Web chat',
  sms: 'SMS',
} as const;

/** Where an SMS provider is told to post: messages in, and delivery statuses. */
const smsNote = (channel: AdminChannel) =>
  `In ${channel.settings.provider === 'clickatell' ? 'Clickatell' : 'Twilio'}, set the ` +
  `incoming message URL to ${channel.inboundUrl} and the status callback URL to ` +
  `${channel.statusUrl}.`;

export function ChannelsPage({ readOnly }: AdminPageProps) {
  const channels = useChannels();
  const [search, setSearch] = useState('');
  const [sheet, setSheet] = useState<SheetState>(null);
  const [shown, setShown] = useState<ShownSecrets | null>(null);
  const [rotating, setRotating] = useState<AdminChannel | null>(null);
  const [toggling, setToggling] = useState<AdminChannel | null>(null);
  const searchId = useId();

  const list = channels.data ?? [];
  const needle = search.trim().toLowerCase();
  const shownList = needle
    ? list.filter((c) =>
        [c.name, c.id, c.department.name, kindLabels[c.kind], c.region].some((v) =>
          v.toLowerCase().includes(needle),
        ),
      )
    : list;
  const editing = sheet?.mode === 'edit' ? list.find((c) => c.id === sheet.id) : undefined;

  return (
    <>
      <AdminPageHeader
        title="Channels"
        description="Where customers reach you: a signed webhook, a WhatsApp number or a web chat on your site."
        actions={
          <AdminButton
            readOnly={readOnly}
            variant="primary"
            onClick={() => setSheet({ mode: 'create' })}
          >
            New channel
          </AdminButton>
        }
      />
      <ReadOnlyNote readOnly={readOnly} />
      <AdminListState
        query={channels}
        noun="channels"
        columns={6}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No channels yet."
            description="Create a channel so customers can write in: a web chat for your site is the quickest start."
          />
        }
      >
        {() => (
          <>
            <div className="admin-toolbar">
              <label htmlFor={searchId} className="visually-hidden">
                Search channels
              </label>
              <input
                id={searchId}
                type="search"
                className="input admin-toolbar__search"
                placeholder="Search by name, kind or department"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
              <span className="admin-toolbar__count">
                {shownList.length} of {list.length}
              </span>
            </div>
            <div className="admin-table__scroll">
              <table className="admin-table admin-table--channels">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Department</th>
                    <th scope="col" className="admin-table__wide-only">
                      Region
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col" className="admin-table__wide-only">
                      Created
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shownList.map((channel) => (
                    <ChannelRow
                      key={channel.id}
                      channel={channel}
                      readOnly={readOnly}
                      onEdit={() => setSheet({ mode: 'edit', id: channel.id })}
                      onRotate={() => setRotating(channel)}
                      onToggle={() => setToggling(channel)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            {shownList.length === 0 ? (
              <p className="admin-table__none">No channel matches “{search.trim()}”.</p>
            ) : null}
          </>
        )}
      </AdminListState>
      <ChannelSheet
        key={sheet?.mode === 'edit' ? sheet.id : `new-${shown ? 'shown' : ''}`}
        open={sheet !== null && (sheet.mode === 'create' || editing !== undefined)}
        channel={editing}
        onClose={() => setSheet(null)}
        onCreated={(created) => {
          setSheet(null);
          setShown({
            channelName: created.name,
            secrets: Object.entries(created.shownOnce) as [ChannelSecretName, string][],
            snippet: created.embedSnippet,
            note:
              created.kind === 'webchat'
                ? 'Sign visitor identities with the identity secret; paste the snippet into your site.'
                : created.kind === 'whatsapp'
                  ? `Give Meta the verify token with the callback URL ${created.inboundUrl}.`
                  : created.kind === 'sms'
                    ? smsNote(created)
                    : `Sign requests to ${created.inboundUrl} with this secret.`,
          });
        }}
      />
      <ChannelSecretDialog shown={shown} onClose={() => setShown(null)} />
      <RotateSecretDialog
        channel={rotating}
        onClose={() => setRotating(null)}
        onRotated={(rotated) => {
          setRotating(null);
          if (rotated.value)
            setShown({
              channelName: rotated.channel.name,
              secrets: [[rotated.name, rotated.value]],
              note:
                rotated.name === 'callbackSecret'
                  ? `${smsNote(rotated.channel)} The old URLs keep working for 24 hours.`
                  : 'The old value keeps working for 24 hours, so senders can switch over.',
            });
        }}
      />
      <ToggleDialog channel={toggling} onClose={() => setToggling(null)} />
    </>
  );
}

type ChannelRowProps = {
  channel: AdminChannel;
  readOnly: boolean;
  onEdit: () => void;
  onRotate: () => void;
  onToggle: () => void;
};

function ChannelRow({ channel, readOnly, onEdit, onRotate, onToggle }: ChannelRowProps) {
  const test = useTestChannel();
  const result: ChannelTestResult | undefined = test.data;
  const row = (
    <tr className={channel.enabled ? undefined : 'admin-table__row--muted'}>
      <th scope="row" className="admin-table__name">
        {channel.name}
        <div className="admin-table__meta">{channel.id}</div>
      </th>
      <td className="admin-table__nowrap">{shortKindLabels[channel.kind]}</td>
      <td>{channel.department.name}</td>
      <td className="admin-table__wide-only">{channel.region}</td>
      <td>
        {channel.enabled ? (
          <span className="admin-table__meta">Enabled</span>
        ) : (
          <span className="pill">Disabled</span>
        )}
      </td>
      <td className="admin-table__meta admin-table__nowrap admin-table__wide-only">
        {dateFormat.format(new Date(channel.createdAt))}
      </td>
      <td className="admin-table__actions">
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          onClick={onEdit}
          aria-label={`Edit ${channel.name}`}
        >
          Edit
        </AdminButton>
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          pending={test.isPending}
          onClick={() => test.mutate(channel.id)}
          aria-label={`Test ${channel.name}`}
        >
          Test
        </AdminButton>
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          onClick={onRotate}
          aria-label={`Rotate a secret of ${channel.name}`}
        >
          Rotate
        </AdminButton>
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          onClick={onToggle}
          aria-label={`${channel.enabled ? 'Disable' : 'Enable'} ${channel.name}`}
        >
          {channel.enabled ? 'Disable' : 'Enable'}
        </AdminButton>
      </td>
    </tr>
  );
  if (!result && !test.isError) return row;
  return (
    <>
      {row}
      <tr className="channel-test__row">
        <td colSpan={7}>
          <p
            className={
              result?.ok ? 'channel-test channel-test--ok' : 'channel-test channel-test--failed'
            }
            role="status"
          >
            {result
              ? `${result.ok ? 'Test passed' : 'Test failed'}: ${result.detail}`
              : describeError(test.error)}
          </p>
        </td>
      </tr>
    </>
  );
}

function ToggleDialog({ channel, onClose }: { channel: AdminChannel | null; onClose: () => void }) {
  const toggle = useSetChannelEnabled();
  const close = () => {
    toggle.reset();
    onClose();
  };
  const enabling = channel ? !channel.enabled : false;
  return (
    <ConfirmDialog
      open={channel !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`${enabling ? 'Enable' : 'Disable'} ${channel?.name ?? 'channel'}?`}
      description={
        enabling
          ? 'Customers can write in through it again.'
          : 'Messages sent to it are refused and nothing is stored; replies to its chats fail with a reason. You can enable it again.'
      }
      confirmLabel={enabling ? 'Enable' : 'Disable'}
      pending={toggle.isPending}
      error={toggle.isError ? describeError(toggle.error) : null}
      onConfirm={() => {
        if (!channel) return;
        toggle.mutate({ id: channel.id, enabled: enabling }, { onSuccess: close });
      }}
    />
  );
}
