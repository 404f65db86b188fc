import { describe, expect, it } from 'vitest';
import { contentTypeOf, PickedFiles, plainFileName, safeFileName } from '../../main/shell/file-dialogs';

describe('the name a received file is saved under', () => {
  it.each([
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['..\\..\\Windows\\System32\\drivers\\etc\\hosts', 'text/plain', 'hosts.txt'],
    ['discharge.exe', 'application/pdf', 'discharge.pdf'],
    ['photo.JPEG', 'image/jpeg', 'photo.jpeg'],
    ['report.pdf', 'application/pdf', 'report.pdf'],
    ['notes', 'text/csv', 'notes.csv'],
    ['payload.sh', 'application/x-unknown', 'payload.bin'],
    ['..', 'image/png', 'attachment.png'],
    ['...pdf', 'application/pdf', 'pdf.pdf'],
    ['.bashrc', 'text/plain', 'bashrc.txt'],
    ['CON.txt', 'text/plain', '_CON.txt'],
    ['a<b>c:d"e|f?g*.txt', 'text/plain', 'abcdefg.txt'],
    ['line\nbreak\u0000.txt', 'text/plain', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'application/pdf', 'invoicefdp.pdf'],
    ['trailing dots. . .', 'text/plain', 'trailing dots.txt'],
  ])('%j sent as %s is saved as %j', (name, contentType, expected) => {
    expect(safeFileName(name, contentType)).toBe(expected);
  });

  it('is never longer than a file system takes', () => {
    const name = safeFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'x'.repeat(150)}.pdf`);
  });
});

describe('a picked file', () => {
  it('takes its content type from its extension, plain bytes when unknown', () => {
    expect(contentTypeOf('Scan.PNG')).toBe('image/png');
    expect(contentTypeOf('labs.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf('script.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });

  it('is named by the last part of its path, without control characters', () => {
    expect(plainFileName('/home/ann/Ward 7/rota\u0007.pdf')).toBe('rota.pdf');
    expect(plainFileName('C:\\Users\\ann\\scan.png')).toBe('scan.png');
  });

  it('is kept by id until forgotten, and only the latest few are kept', () => {
    const picked = new PickedFiles(2);
    const file = (name: string) => ({ path: `/tmp/${name}`, name, size: 1, contentType: 'text/plain' });
    const first = picked.add(file('a.txt'));
    const second = picked.add(file('b.txt'));
    expect(picked.get(first).name).toBe('a.txt');
    const third = picked.add(file('c.txt'));
    expect(() => picked.get(first)).toThrow('The picked file is no longer at hand; pick it again');
    expect([picked.get(second).name, picked.get(third).name]).toEqual(['b.txt', 'c.txt']);
    picked.forget(second);
    expect(() => picked.get(second)).toThrow('no longer at hand');
  });
});
