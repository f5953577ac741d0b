"""Word classes the memory shows: which forms are verbs, and which words never end a term.

simplemma gives lemmas, not word classes, and no tagger is at hand; what a word follows and what
follows it in this memory (``the war``, ``we take``, ``gray silk``) tells a verb or a modifier
from a noun. The marks go into the side's ``Vocabulary`` (``verbs``, ``not_last``), which decides
where candidates may stand (``windows.py``).

- ``form_flags``: per form or lemma, the spelling facts the passes test for each occurrence;
- ``contexts``: the passes over the memory that count each word by its neighbours;
- ``verbs``, ``english``, ``dutch``: the rules that turn those counts into marks;
- ``form_marks``: the marks a form's spelling gave it as it was read, settled by its uses.
"""
