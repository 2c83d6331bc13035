export const id = 314;
export const ids = [314];
export const modules = {

/***/ 8314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   apply: () => (/* binding */ apply)
/* harmony export */ });
/* harmony import */ var _engine_pipeline_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55748);

/** The apply command: the production pipeline (src/engine/pipeline.ts). */
function apply(config, ctx) {
    return (0,_engine_pipeline_js__WEBPACK_IMPORTED_MODULE_0__/* .productionApply */ .w)(config, ctx);
}


/***/ })

};
