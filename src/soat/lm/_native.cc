// soat.lm._native: the screening pass of the context rule in C++, over KenLM's own query code.
//
// Built by scripts/build_native.sh (which compiles KenLM's sources from the kenlm sdist into the
// same shared object); soat runs without it, more slowly, with the same answers. screen() is
// soat.lm.context._verdicts (Scorer.original and Scorer.could_pass) for many positions of one
// clause at once: the same forward pass, the same bounds, the same order of additions in
// double precision, so its answers are exactly those of the Python code (a test compares them).

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <exception>
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

PyMethodDef kMethods[] = {
    {"load", Load, METH_VARARGS, "load(path) -> model: a KenLM binary, memory-mapped."},
    {"screen", Screen, METH_VARARGS,
     "screen(model, words, positions, candidates, threshold, cheapest) -> list[int]: for each "
     "position, 0 when its window's bound or its lack of (cost, word) candidates rules it "
     "out, 1 when no candidate's gain passes threshold, 2 when one may (Scorer.could_pass)."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef kModule = {PyModuleDef_HEAD_INIT, "soat.lm._native",
                       "The context rule's screening pass in C++ over KenLM.", -1, kMethods};

}  // namespace

PyMODINIT_FUNC PyInit__native() { return PyModule_Create(&kModule); }
