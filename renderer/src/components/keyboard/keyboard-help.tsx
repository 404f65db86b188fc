import type { MessageKey } from '../../../../i18n/user-text';
import { t } from '../../state/language';
import { Dialog } from '../common/dialog';
import { useApp } from '../app-context';
import { commandKeyName } from './shortcut-keys';

interface Shortcut {
  /** Each alternative, its keys in order ("Ctrl", "K"). */
  keys: string[][];
  does: MessageKey;
}

/** Every shortcut the window answers, by where it works. Kept beside the handlers' own tests (keyboard-help.test.tsx). */
function shortcutGroups(command: string): { title: MessageKey; shortcuts: Shortcut[] }[] {
  // The keys' names as printed on the keyboards of the window's language.
  const home = t('keyboard.key.home');
  const end = t('keyboard.key.end');
  const enter = t('keyboard.key.enter');
  const shift = t('keyboard.key.shift');
  const esc = t('keyboard.key.esc');
  return [
    {
      title: 'keyboard.anywhere',
      shortcuts: [
        { keys: [[command, 'K']], does: 'keyboard.quick-switcher' },
        { keys: [[command, 'N']], does: 'keyboard.new-conversation' },
        { keys: [[command, 'L']], does: 'keyboard.lock' },
        { keys: [['F1'], [command, '/']], does: 'keyboard.help' },
        { keys: [[esc]], does: 'keyboard.close' },
      ],
    },
    {
      title: 'keyboard.roster',
      shortcuts: [
        { keys: [['↑'], ['↓']], does: 'keyboard.roster.move' },
        { keys: [[home], [end], [t('keyboard.key.page-up')], [t('keyboard.key.page-down')]], does: 'keyboard.roster.jump' },
        { keys: [[enter]], does: 'keyboard.roster.open' },
        { keys: [[shift, 'F10'], [t('keyboard.key.menu')]], does: 'keyboard.roster.options' },
        { keys: [[esc]], does: 'keyboard.roster.clear' },
      ],
    },
    {
      title: 'keyboard.messages',
      shortcuts: [
        { keys: [['↑'], ['↓']], does: 'keyboard.messages.move' },
        { keys: [[home], [end]], does: 'keyboard.messages.jump' },
      ],
    },
    {
      title: 'keyboard.composer',
      shortcuts: [
        { keys: [[enter]], does: 'keyboard.composer.send' },
        { keys: [[shift, enter]], does: 'keyboard.composer.new-line' },
      ],
    },
    {
      title: 'keyboard.lists',
      shortcuts: [
        { keys: [['↑'], ['↓'], [home], [end]], does: 'keyboard.lists.move' },
        { keys: [[enter]], does: 'keyboard.lists.choose' },
        { keys: [[t('keyboard.key.tab')], [esc]], does: 'keyboard.lists.close' },
      ],
    },
  ];
}

function Keys({ keys }: { keys: string[][] }) {
  return (
    <>
      {keys.map((combination, index) => (
        <span key={combination.join('+')}>
          {index > 0 && ` ${t('keyboard.or')} `}
          {combination.map((key, at) => (
            <span key={key}>
              {at > 0 && '+'}
              <kbd>{key}</kbd>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

/** F1 or Ctrl+/ (⌘/ on macOS): every shortcut, grouped by where it works. */
export function KeyboardHelp() {
  const app = useApp();
  const groups = shortcutGroups(commandKeyName());
  return (
    <Dialog title={t('keyboard.title')} onClose={() => (app.ui.dialog.value = null)} wide>
      {groups.map((group) => (
        <section key={group.title} class="shortcut-group">
          <h3>{t(group.title)}</h3>
          <dl class="shortcuts">
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.does} class="shortcut">
                <dt>
                  <Keys keys={shortcut.keys} />
                </dt>
                <dd>{t(shortcut.does)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
