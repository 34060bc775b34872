import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { insertText } from '../knowledge/law-text';

/**
 * A text box on the ticket page where an answer is written (the message to the applicant, the
 * resolution's summary): the suggestions panel puts citations into it at the caret, and a
 * machine draft in place of its text.
 */
export type AnswerBox = {
  insert(text: string): void;
  /** The whole text replaced by a machine draft, which the box marks as such until it is sent. */
  fillDraft(text: string): void;
};

type Registry = {
  register(box: AnswerBox): () => void;
  /** The box written in last (focused), else the one that appeared last. */
  bringToFront(box: AnswerBox): void;
  target: AnswerBox | undefined;
};

const AnswerBoxContext = createContext<Registry | null>(null);

/** Around the ticket page: its answer boxes register here, the suggestions panel asks for the target. */
export function AnswerBoxProvider({ children }: { children: ReactNode }) {
  const [boxes, setBoxes] = useState<AnswerBox[]>([]);
  // Stable actions (a box registers once per activation), the target with the list.
  const actions = useMemo(
    () => ({
      register(box: AnswerBox) {
        setBoxes((list) => [...list.filter((b) => b !== box), box]);
        return () => setBoxes((list) => list.filter((b) => b !== box));
      },
      bringToFront(box: AnswerBox) {
        setBoxes((list) => (list.at(-1) === box || !list.includes(box) ? list : [...list.filter((b) => b !== box), box]));
      },
    }),
    [],
  );
  const registry = useMemo<Registry>(() => ({ ...actions, target: boxes.at(-1) }), [actions, boxes]);
  return <AnswerBoxContext.Provider value={registry}>{children}</AnswerBoxContext.Provider>;
}

/** Where the panel's "insert" goes; undefined when the page has no box to write in (the panel copies instead). */
export function useAnswerBoxTarget(): AnswerBox | undefined {
  return useContext(AnswerBoxContext)?.target;
}

/**
 * Makes an antd TextArea an answer box while `isActive`: insertions land at its caret (replacing
 * a selection) and leave the caret after them. `value`/`onChange` are the box's own state.
 * Returns `onFocus` for the text area, and whether its text is an unreviewed machine draft.
 */
export function useAnswerBox(
  areaRef: RefObject<TextAreaRef | null>,
  value: string,
  onChange: (next: string) => void,
  isActive: boolean,
): { onFocus(): void; isDraft: boolean; clearDraft(): void } {
  const registry = useContext(AnswerBoxContext);
  const register = registry?.register;
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const [isDraft, setDraft] = useState(false);

  const box = useMemo<AnswerBox>(() => {
    const area = () => areaRef.current?.resizableTextArea?.textArea;
    const placeCaret = (caret: number) =>
      requestAnimationFrame(() => {
        const element = area();
        if (!element) return;
        element.focus();
        element.setSelectionRange(caret, caret);
      });
    return {
      insert(text) {
        const element = area();
        const current = latest.current.value;
        const start = element ? element.selectionStart : current.length;
        const end = element ? element.selectionEnd : current.length;
        const next = insertText(current, start, end, text);
        latest.current.onChange(next.value);
        placeCaret(next.caret);
      },
      fillDraft(text) {
        latest.current.onChange(text);
        setDraft(true);
        placeCaret(0);
      },
    };
  }, [areaRef]);

  useEffect(() => {
    if (!register || !isActive) return;
    return register(box);
  }, [box, isActive, register]);

  // An emptied box holds no draft any more.
  useEffect(() => {
    if (!value.trim()) setDraft(false);
  }, [value]);

  return { onFocus: () => registry?.bringToFront(box), isDraft, clearDraft: () => setDraft(false) };
}
