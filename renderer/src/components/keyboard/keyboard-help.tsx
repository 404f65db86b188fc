import { Dialog } from '../common/dialog';
import { useApp } from '../app-context';
import { commandKeyName } from './shortcut-keys';

interface Shortcut {
  /** Each alternative, its keys in order ("Ctrl", "K"). */
  keys: string[][];
  does: string;
}

/** Every shortcut the window answers, by where it works. Kept beside the handlers' own tests (keyboard-help.test.tsx). */
function shortcutGroups(command: string): { title: string; shortcuts: Shortcut[] }[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        { keys: [[command, 'K']], does: 'Switch to a conversation by name' },
        { keys: [[command, 'N']], does: 'Start a new conversation' },
        { keys: [[command, 'L']], does: 'Lock TigerDesk now' },
        { keys: [['F1'], [command, '/']], does: 'Show these keyboard shortcuts' },
        { keys: [['Esc']], does: 'Close the dialog or menu' },
      ],
    },
    {
      title: 'Conversation list',
      shortcuts: [
        { keys: [['↑'], ['↓']], does: 'Move to the previous or next conversation' },
        { keys: [['Home'], ['End'], ['Page Up'], ['Page Down']], does: 'Move to the first, last, or ten conversations on' },
        { keys: [['Enter']], does: 'Open the conversation' },
        { keys: [['Shift', 'F10'], ['Menu']], does: 'Open the conversation\'s options' },
        { keys: [['Esc']], does: 'Clear the filter' },
      ],
    },
    {
      title: 'Messages',
      shortcuts: [
        { keys: [['↑'], ['↓']], does: 'Move to the previous or next message' },
        { keys: [['Home'], ['End']], does: 'Move to the first or last message loaded' },
      ],
    },
    {
      title: 'Writing a message',
      shortcuts: [
        { keys: [['Enter']], does: 'Send' },
        { keys: [['Shift', 'Enter']], does: 'Start a new line' },
      ],
    },
    {
      title: 'Menus and lists in dialogs',
      shortcuts: [
        { keys: [['↑'], ['↓'], ['Home'], ['End']], does: 'Move between items' },
        { keys: [['Enter']], does: 'Choose the item' },
        { keys: [['Tab'], ['Esc']], does: 'Close the menu' },
      ],
    },
  ];
}

function Keys({ keys }: { keys: string[][] }) {
  return (
    <>
      {keys.map((combination, index) => (
        <span key={combination.join('+')}>
          {index > 0 && ' or '}
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
    <Dialog title="Keyboard shortcuts" onClose={() => (app.ui.dialog.value = null)} wide>
      {groups.map((group) => (
        <section key={group.title} class="shortcut-group">
          <h3>{group.title}</h3>
          <dl class="shortcuts">
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.does} class="shortcut">
                <dt>
                  <Keys keys={shortcut.keys} />
                </dt>
                <dd>{shortcut.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
