// soat.lm._native: the screening pass of the context rule in C++, over KenLM's own query code.
//
// Built by scripts/build_native.sh (which compiles KenLM's sources from the kenlm sdist into the
// same shared object); soat runs without it, more slowly, with the same answers. screen() is
// soat.lm.context._verdicts (Scorer.original and Scorer.could_pass) for many positions of one
// clause at once: the same forward pass, the same bounds, the same order of additions in
// double precision, so its answers are exactly those of the Python code (a test compares them).
// best_path() is soat.lm.restore's beam search over a lattice of candidates, exact in the same
// way.

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <unordered_map>
#include <vector>

#include "lm/model.hh"
#include "lm/virtual_interface.hh"

namespace {

const char kCapsule[] = "soat.lm._native.model";

// Most words and candidate lists come back request after request (the candidate lists are the
// same tuples, from soat.lm.context's lru_cache), so their vocabulary ids are kept: finding a
// word in KenLM's sorted vocabulary was a third of the screening's time. Both caches are
// bounded, emptied when full.
const Py_ssize_t kMaxWords = 1 << 16;
const size_t kMaxLists = 1 << 15;

struct Candidate {
  double cost;
  lm::WordIndex word;
};

// A model and its caches: what load() returns, in a capsule.
struct Native {
  lm::base::Model *model = nullptr;
  PyObject *word_ids = nullptr;  // dict: word (str) -> vocabulary id (int)
  // A candidate tuple (held by a reference, so it is not freed nor its address reused) ->
  // its (cost, id) pairs; a tuple of tuples of floats and str cannot change.
  std::unordered_map<PyObject *, std::vector<Candidate>> lists;

  void ClearLists() {
    for (auto &entry : lists) Py_DECREF(entry.first);
    lists.clear();
  }

  ~Native() {
    ClearLists();
    Py_XDECREF(word_ids);
    delete model;
  }
};

void FreeNative(PyObject *capsule) {
  delete static_cast<Native *>(PyCapsule_GetPointer(capsule, kCapsule));
}

PyObject *Load(PyObject *, PyObject *args) {
  const char *path;
  if (!PyArg_ParseTuple(args, "s", &path)) return nullptr;
  lm::ngram::Config config;
  config.load_method = util::LAZY;  // memory-mapped, as soat.lm.model loads it
  lm::base::Model *model;
  try {
    model = lm::ngram::LoadVirtual(path, config);
  } catch (const std::exception &e) {
    PyErr_SetString(PyExc_OSError, e.what());
    return nullptr;
  }
  if (model->StateSize() != sizeof(lm::ngram::State)) {
    delete model;
    PyErr_SetString(PyExc_OSError, "unexpected KenLM state size");
    return nullptr;
  }
  Native *native = new Native;
  native->model = model;
  native->word_ids = PyDict_New();
  PyObject *capsule = native->word_ids ? PyCapsule_New(native, kCapsule, FreeNative) : nullptr;
  if (capsule == nullptr) delete native;
  return capsule;
}

// The vocabulary id of ``word``, a str: from the cache, else from KenLM (and then cached).
bool Index(Native &native, PyObject *word, lm::WordIndex *out) {
  if (!PyUnicode_Check(word)) {
    PyErr_SetString(PyExc_TypeError, "words must be str");
    return false;
  }
  PyObject *known = PyDict_GetItemWithError(native.word_ids, word);
  if (known != nullptr) {
    *out = static_cast<lm::WordIndex>(PyLong_AsUnsignedLong(known));
    return true;
  }
  if (PyErr_Occurred()) return false;
  Py_ssize_t size;
  const char *utf8 = PyUnicode_AsUTF8AndSize(word, &size);
  if (utf8 == nullptr) return false;
  *out = native.model->BaseVocabulary().Index(StringPiece(utf8, size));
  if (PyDict_GET_SIZE(native.word_ids) >= kMaxWords) PyDict_Clear(native.word_ids);
  PyObject *id = PyLong_FromUnsignedLong(*out);
  if (id == nullptr) return false;
  int failed = PyDict_SetItem(native.word_ids, word, id);
  Py_DECREF(id);
  return failed == 0;
}

// Parses one position's candidates: a sequence of (cost, word), cheapest first.
bool Parse(Native &native, PyObject *items, std::vector<Candidate> *out) {
  PyObject *seq = PySequence_Fast(items, "candidates must be a sequence of (cost, word)");
  if (seq == nullptr) return false;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  out->resize(n);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject *pair = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
      PyErr_SetString(PyExc_TypeError, "a candidate is a (cost, word) tuple");
      Py_DECREF(seq);
      return false;
    }
    (*out)[i].cost = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 0));
    if (PyErr_Occurred() || !Index(native, PyTuple_GET_ITEM(pair, 1), &(*out)[i].word)) {
      Py_DECREF(seq);
      return false;
    }
  }
  Py_DECREF(seq);
  return true;
}

// One position's candidates: cached when they come as a tuple (immutable), else parsed into
// ``scratch``.
const std::vector<Candidate> *Candidates(Native &native, PyObject *items,
                                         std::vector<Candidate> *scratch) {
  if (!PyTuple_CheckExact(items)) return Parse(native, items, scratch) ? scratch : nullptr;
  auto found = native.lists.find(items);
  if (found != native.lists.end()) return &found->second;
  if (!Parse(native, items, scratch)) return nullptr;
  if (native.lists.size() >= kMaxLists) native.ClearLists();
  Py_INCREF(items);
  return &native.lists.emplace(items, *scratch).first->second;
}

// The verdicts of soat.lm.context._verdicts.
enum Verdict { kPruned = 0, kNoPass = 1, kPasses = 2 };

// screen(model, words, positions, candidates, threshold, cheapest) -> list[int]
PyObject *Screen(PyObject *, PyObject *args) {
  PyObject *capsule, *words, *positions, *candidates;
  double threshold, cheapest;
  if (!PyArg_ParseTuple(args, "OO!O!O!dd", &capsule, &PyList_Type, &words, &PyList_Type,
                        &positions, &PyList_Type, &candidates, &threshold, &cheapest))
    return nullptr;
  auto *native = static_cast<Native *>(PyCapsule_GetPointer(capsule, kCapsule));
  if (native == nullptr) return nullptr;
  const lm::base::Model *model = native->model;
  const Py_ssize_t n = PyList_GET_SIZE(words), count = PyList_GET_SIZE(positions);
  if (PyList_GET_SIZE(candidates) != count) {
    PyErr_SetString(PyExc_ValueError, "one candidate list per position");
    return nullptr;
  }
  std::vector<lm::WordIndex> ids(n);
  for (Py_ssize_t i = 0; i < n; ++i)
    if (!Index(*native, PyList_GET_ITEM(words, i), &ids[i])) return nullptr;
  const lm::WordIndex end = model->BaseVocabulary().EndSentence();
  const Py_ssize_t order = model->Order(), reach = order - 1;

  // The forward pass of Scorer._forward: scores[i] is log10 P(words[i] | before), and
  // scores[n] that of </s>; states[i] is the state before words[i].
  std::vector<lm::ngram::State> states(n + 1);
  std::vector<double> scores(n + 1);
  lm::ngram::State first, second;
  model->BeginSentenceWrite(&states[0]);
  for (Py_ssize_t i = 0; i < n; ++i)
    scores[i] = model->BaseScore(&states[i], ids[i], &states[i + 1]);
  scores[n] = model->BaseScore(&states[n], end, &first);

  PyObject *result = PyList_New(count);
  if (result == nullptr) return nullptr;
  std::vector<Candidate> scratch;
  std::vector<lm::WordIndex> following;
  for (Py_ssize_t k = 0; k < count; ++k) {
    Py_ssize_t position = PyLong_AsSsize_t(PyList_GET_ITEM(positions, k));
    if (position == -1 && PyErr_Occurred()) goto fail;
    if (position < 0 || position >= n) {
      PyErr_SetString(PyExc_IndexError, "position out of range");
      goto fail;
    }
    {
      const std::vector<Candidate> *options =
          Candidates(*native, PyList_GET_ITEM(candidates, k), &scratch);
      if (options == nullptr) goto fail;
      // Scorer.original: the sum of the scores the word conditions, left to right.
      double base = 0;
      for (Py_ssize_t j = position; j < position + order && j <= n; ++j) base += scores[j];
      following.clear();
      for (Py_ssize_t j = position + 1; j < position + 1 + reach && j < n; ++j)
        following.push_back(ids[j]);
      if (static_cast<Py_ssize_t>(following.size()) < reach) following.push_back(end);

      Verdict verdict = kNoPass;
      if (base > -(threshold + cheapest) || options->empty()) verdict = kPruned;
      for (const Candidate &option : *options) {
        if (verdict == kPruned) break;
        if (-base - option.cost <= threshold) break;  // so for every dearer slip
        double total = model->BaseScore(&states[position], option.word, &first);
        if (total - base - option.cost <= threshold) continue;
        lm::ngram::State *current = &first, *scratch_state = &second;
        bool beaten = false;
        for (lm::WordIndex after : following) {
          total += model->BaseScore(current, after, scratch_state);
          if (total - base - option.cost <= threshold) {
            beaten = true;
            break;
          }
          std::swap(current, scratch_state);
        }
        if (!beaten) {
          verdict = kPasses;
          break;
        }
      }
      PyObject *item = PyLong_FromLong(verdict);
      if (item == nullptr) goto fail;
      PyList_SET_ITEM(result, k, item);
    }
  }
  return result;

fail:
  Py_DECREF(result);
  return nullptr;
}

// --- Diacritic restoration: the beam search of soat.lm.restore.best_path -------------------
//
// Step for step the Python search: the same hypotheses in the same order, the same merge of
// hypotheses that end in the same two words (kept in the order their keys were first made, as
// a Python dict keeps them), the same skip of a hypothesis whose state and last word an earlier
// one reached at least as well, the same stable sort and the same additions in double
// precision; so the path is exactly the Python one (a test compares them).

struct Hypothesis {
  double score;
  lm::ngram::State state;
  int last;    // the spelling of its last word, interned (0 is <s>)
  int choice;  // the index of its last word in its lattice column
  int back;    // the hypothesis it extends, in the previous column's beam (-1 at the start)
};

struct StateLast {
  lm::ngram::State state;
  int last;
  bool operator==(const StateLast &other) const {
    return last == other.last && state == other.state;
  }
};

struct StateLastHash {
  size_t operator()(const StateLast &key) const {
    return static_cast<size_t>(lm::ngram::hash_value(key.state)) * 31 +
           static_cast<size_t>(key.last);
  }
};

struct Column {
  std::vector<lm::WordIndex> ids;
  std::vector<int> spellings;  // interned: two words are the same exactly when their str are
};

// Reads the lattice: a list of non-empty lists of str.
bool Columns(Native &native, PyObject *lattice, std::vector<Column> *columns) {
  std::unordered_map<std::string, int> interned{{"<s>", 0}};
  const Py_ssize_t n = PyList_GET_SIZE(lattice);
  columns->resize(n);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject *items = PyList_GET_ITEM(lattice, i);
    if (!PyList_Check(items) || PyList_GET_SIZE(items) == 0) {
      PyErr_SetString(PyExc_TypeError, "every column is a non-empty list of str");
      return false;
    }
    Column &column = (*columns)[i];
    const Py_ssize_t m = PyList_GET_SIZE(items);
    column.ids.resize(m);
    column.spellings.resize(m);
    for (Py_ssize_t j = 0; j < m; ++j) {
      PyObject *word = PyList_GET_ITEM(items, j);
      if (!Index(native, word, &column.ids[j])) return false;
      Py_ssize_t size;
      const char *utf8 = PyUnicode_AsUTF8AndSize(word, &size);
      if (utf8 == nullptr) return false;
      const int next = static_cast<int>(interned.size());
      column.spellings[j] = interned.emplace(std::string(utf8, size), next).first->second;
    }
  }
  return true;
}

// best_path(model, lattice, beam) -> list[int]
PyObject *BestPath(PyObject *, PyObject *args) {
  PyObject *capsule, *lattice;
  Py_ssize_t width;
  if (!PyArg_ParseTuple(args, "OO!n", &capsule, &PyList_Type, &lattice, &width)) return nullptr;
  auto *native = static_cast<Native *>(PyCapsule_GetPointer(capsule, kCapsule));
  if (native == nullptr) return nullptr;
  if (width < 1) {
    PyErr_SetString(PyExc_ValueError, "the beam holds at least one hypothesis");
    return nullptr;
  }
  const lm::base::Model &model = *native->model;
  std::vector<Column> columns;
  if (!Columns(*native, lattice, &columns)) return nullptr;
  const Py_ssize_t n = static_cast<Py_ssize_t>(columns.size());

  // Only the last beam is kept whole; of every column's beam, the trail keeps what the path
  // needs (each hypothesis's word and the one it extends), so a long clause costs 8 bytes per
  // column and hypothesis, not a state each.
  std::vector<std::vector<std::pair<int, int>>> trail(n);  // (choice, back) per hypothesis
  std::vector<Hypothesis> beam(1), merged;
  beam[0].score = 0.0;
  model.BeginSentenceWrite(&beam[0].state);
  beam[0].last = 0;
  beam[0].choice = -1;
  beam[0].back = -1;
  std::unordered_map<long long, size_t> merged_at;  // (last, word) -> index in the merge
  std::unordered_map<StateLast, double, StateLastHash> best_seen;
  lm::ngram::State after;
  for (Py_ssize_t i = 0; i < n; ++i) {
    const Column &column = columns[i];
    merged.clear();
    merged_at.clear();
    best_seen.clear();
    for (size_t h = 0; h < beam.size(); ++h) {
      const Hypothesis &hypothesis = beam[h];
      auto seen =
          best_seen.emplace(StateLast{hypothesis.state, hypothesis.last}, hypothesis.score);
      if (!seen.second) {
        if (seen.first->second >= hypothesis.score) continue;
        seen.first->second = hypothesis.score;
      }
      for (size_t j = 0; j < column.ids.size(); ++j) {
        const double total =
            hypothesis.score + model.BaseScore(&hypothesis.state, column.ids[j], &after);
        const Hypothesis made{total, after, column.spellings[j], static_cast<int>(j),
                              static_cast<int>(h)};
        const long long key =
            (static_cast<long long>(hypothesis.last) << 32) | column.spellings[j];
        auto found = merged_at.emplace(key, merged.size());
        if (found.second) {
          merged.push_back(made);
        } else if (merged[found.first->second].score < total) {
          merged[found.first->second] = made;
        }
      }
    }
    if (static_cast<Py_ssize_t>(merged.size()) > width) {
      std::stable_sort(merged.begin(), merged.end(),
                       [](const Hypothesis &a, const Hypothesis &b) { return a.score > b.score; });
      merged.resize(width);
    }
    trail[i].reserve(merged.size());
    for (const Hypothesis &hypothesis : merged)
      trail[i].emplace_back(hypothesis.choice, hypothesis.back);
    beam.swap(merged);
  }

  PyObject *result = PyList_New(n);
  if (result == nullptr || n == 0) return result;
  const lm::WordIndex end = model.BaseVocabulary().EndSentence();
  size_t best = 0;
  double best_total = 0;
  for (size_t h = 0; h < beam.size(); ++h) {  // the first of the best, as max() takes
    const double total = beam[h].score + model.BaseScore(&beam[h].state, end, &after);
    if (h == 0 || total > best_total) {
      best = h;
      best_total = total;
    }
  }
  int at = static_cast<int>(best);
  for (Py_ssize_t i = n - 1; i >= 0; --i) {
    const std::pair<int, int> &step = trail[i][at];
    PyObject *choice = PyLong_FromLong(step.first);
    if (choice == nullptr) {
      Py_DECREF(result);
      return nullptr;
    }
    PyList_SET_ITEM(result, i, choice);
    at = step.second;
  }
  return result;
}

PyMethodDef kMethods[] = {
    {"load", Load, METH_VARARGS, "load(path) -> model: a KenLM binary, memory-mapped."},
    {"screen", Screen, METH_VARARGS,
     "screen(model, words, positions, candidates, threshold, cheapest) -> list[int]: for each "
     "position, 0 when its window's bound or its lack of (cost, word) candidates rules it "
     "out, 1 when no candidate's gain passes threshold, 2 when one may (Scorer.could_pass)."},
    {"best_path", BestPath, METH_VARARGS,
     "best_path(model, lattice, beam) -> list[int]: the index of the chosen word in every "
     "column of lattice (a list of lists of str), by soat.lm.restore.best_path's beam search."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef kModule = {PyModuleDef_HEAD_INIT, "soat.lm._native",
                       "The context rule's screening pass and the restoration's beam search in "
                       "C++ over KenLM.",
                       -1, kMethods};

}  // namespace

PyMODINIT_FUNC PyInit__native() { return PyModule_Create(&kModule); }
